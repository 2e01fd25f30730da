package com.postr.query.rebuild;

import com.fasterxml.jackson.databind.ObjectReader;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.UnknownSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Reads the event store in global order for a rebuild, straight from {@code domain_event_entry}: the same events,
 * upcasts and gap rules as Axon's stream, without its per-message wrapping (message, lazy payload and metadata,
 * a new token per event) and its ISO timestamp parser, which together cost more than the rebuild's writes.
 * <p>
 * An event already at its class's current revision needs no upcaster, and is parsed straight into its class;
 * anything else goes through the upcaster chain exactly as Axon reads it. Missing global indexes are kept as gaps,
 * asked for again with every page (a late commit fills one), until the event after one is older than the gap
 * timeout or it falls {@code maxGapOffset} behind; {@link #token()} carries them to the live processor.
 */
final class EventScan {

    private static final String COLUMNS = "SELECT global_index, type, aggregate_identifier, sequence_number,"
            + " event_identifier, time_stamp, payload_type, payload_revision, payload, meta_data FROM domain_event_entry";

    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final EventUpcaster upcasters;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final Clock clock;
    private final Map<String, Function<byte[], Object>> parsers = new HashMap<>();
    /** Each gap, with the timestamp of the first event seen after it. */
    private final TreeMap<Long, Instant> gaps = new TreeMap<>();
    private long index;

    EventScan(JdbcTemplate jdbc, Serializer serializer, EventUpcaster upcasters, Duration gapTimeout,
              int maxGapOffset, Clock clock) {
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.upcasters = upcasters;
        this.gapTimeout = gapTimeout;
        this.maxGapOffset = maxGapOffset;
        this.clock = clock;
    }

    /** Up to {@code max} events after those read so far (and any that filled a gap); empty when none are new. */
    List<StoredEvent> next(int max) {
        var expired = clock.instant().minus(gapTimeout);
        gaps.values().removeIf(revealedBy -> revealedBy.isBefore(expired));
        gaps.headMap(index - maxGapOffset).clear();
        var events = new ArrayList<StoredEvent>(Math.min(max, 10_000));
        if (gaps.isEmpty()) {
            jdbc.query(COLUMNS + " WHERE global_index > ? ORDER BY global_index LIMIT ?",
                    row -> { read(row, events); }, index, max);
        } else {
            jdbc.query(COLUMNS + " WHERE global_index > ? OR global_index = ANY (?) ORDER BY global_index LIMIT ?",
                    row -> { read(row, events); }, index, gaps.keySet().toArray(Long[]::new), max);
        }
        return events;
    }

    /** Where the scan stands, in the live processors' terms: the highest index read and the gaps below it. */
    TrackingToken token() {
        return index == 0 ? null : GapAwareTrackingToken.newInstance(index, gaps.keySet());
    }

    private void read(ResultSet row, List<StoredEvent> into) throws SQLException {
        long at = row.getLong(1);
        var timestamp = instant(row.getString(6));
        if (at <= index) {
            gaps.remove(at); // committed late, into a gap
        } else {
            for (long missing = Math.max(index + 1, 1); missing < at; missing++) {
                gaps.put(missing, timestamp);
            }
            index = at;
        }
        String type = row.getString(7);
        String revision = row.getString(8);
        byte[] payload = row.getBytes(9);
        var parser = parsers.computeIfAbsent(type + '\u0000' + revision, key -> parser(type, revision));
        if (parser != null) {
            into.add(new StoredEvent(at, row.getString(3), row.getLong(4), timestamp, parser.apply(payload)));
            return;
        }
        var entry = new GenericDomainEventEntry<>(row.getString(2), row.getString(3), row.getLong(4),
                row.getString(5), timestamp, type, revision, payload, row.getBytes(10));
        try (Stream<?> upcast = EventUtils.upcastAndDeserializeTrackedEvents(
                Stream.of(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(at, List.of()), entry)),
                serializer, upcasters)) {
            upcast.forEach(message -> {
                var event = (DomainEventMessage<?>) message;
                into.add(new StoredEvent(at, event.getAggregateIdentifier(), event.getSequenceNumber(),
                        event.getTimestamp(), event.getPayload()));
            });
        }
    }

    /** A direct parser for a type at its class's current revision; null when upcasters may have a say. */
    private Function<byte[], Object> parser(String type, String revision) {
        var serializedType = new SimpleSerializedType(type, revision);
        Class<?> target = serializer.classForType(serializedType);
        if (target == UnknownSerializedType.class
                || !Objects.equals(serializer.typeForClass(target).getRevision(), revision)) {
            return null;
        }
        if (serializer instanceof JacksonSerializer jackson) {
            ObjectReader reader = jackson.getObjectMapper().readerFor(target);
            return payload -> {
                try {
                    return reader.readValue(payload);
                } catch (IOException e) {
                    throw new SerializationException("Cannot read a " + type + " event", e);
                }
            };
        }
        return payload -> serializer.deserialize(new SimpleSerializedObject<>(payload, byte[].class, serializedType));
    }

    /**
     * Axon's {@code 2026-12-02T05:30:01.123Z}, parsed by hand: {@link DateTimeUtils#parseInstant} took a fifth of a
     * rebuild's reading. Any other shape goes to it.
     */
    static Instant instant(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z' || text.charAt(4) != '-'
                || text.charAt(7) != '-' || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return DateTimeUtils.parseInstant(text);
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fraction = length - 21;
            if (text.charAt(19) != '.' || fraction < 1 || fraction > 9) {
                return DateTimeUtils.parseInstant(text);
            }
            nanos = digits(text, 20, length - 1);
            for (int i = fraction; i < 9; i++) {
                nanos *= 10;
            }
        }
        if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23 || minute < 0
                || minute > 59 || second < 0 || second > 59 || nanos < 0) {
            return DateTimeUtils.parseInstant(text);
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException noSuchDay) {
            return DateTimeUtils.parseInstant(text);
        }
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
    }

    /** The number in {@code text[from, to)}, or -1 if any of it is not a digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
