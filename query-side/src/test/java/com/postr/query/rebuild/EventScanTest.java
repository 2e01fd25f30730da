package com.postr.query.rebuild;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.postr.query.QuerySideTestApplication;
import org.axonframework.common.DateTimeUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.serialization.Revision;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rebuild's reader against a real event table: events come in global order with the payloads, upcasts and
 * timestamps Axon would give them, and missing indexes are gaps until they are filled or time out.
 */
class EventScanTest {

    /** A payload at revision 2; revision 1 had no quantity. */
    @Revision("2")
    record Placed(String orderId, int quantity) {
    }

    /** Revision 1 of {@link Placed} ordered one item. */
    static final class PlacedUpcaster extends SingleEventUpcaster {
        @Override
        protected boolean canUpcast(IntermediateEventRepresentation event) {
            return event.getType().equals(new SimpleSerializedType(Placed.class.getName(), null));
        }

        @Override
        protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
            return event.upcastPayload(new SimpleSerializedType(Placed.class.getName(), "2"), JsonNode.class,
                    payload -> ((ObjectNode) payload).put("quantity", 1));
        }
    }

    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(JsonMapper.builder()
            .addModule(new JavaTimeModule()).visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .build()).lenientDeserialization().build();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private JdbcTemplate jdbc;
    private EventScan scan;

    @BeforeEach
    void anEventTable() {
        var database = "scan_" + UUID.randomUUID().toString().replace("-", "");
        new JdbcTemplate(QuerySideTestApplication.postgres().getPostgresDatabase()).execute("CREATE DATABASE " + database);
        jdbc = new JdbcTemplate(QuerySideTestApplication.postgres().getDatabase("postgres", database));
        jdbc.execute("""
                CREATE TABLE domain_event_entry (global_index BIGINT PRIMARY KEY, aggregate_identifier VARCHAR(255),
                    sequence_number BIGINT, type VARCHAR(255), event_identifier VARCHAR(255), meta_data BYTEA,
                    payload BYTEA, payload_revision VARCHAR(255), payload_type VARCHAR(255), time_stamp VARCHAR(255))""");
        scan = new EventScan(jdbc, serializer, new PlacedUpcaster(), Duration.ofMinutes(10), 1_000_000,
                Clock.systemUTC());
    }

    @Test
    void readsEventsInOrderWithCurrentPayloadsAndUpcastsOlderRevisions() {
        store(1, "o-1", 0, "2", "{\"orderId\":\"o-1\",\"quantity\":3}", now);
        store(2, "o-2", 0, null, "{\"orderId\":\"o-2\"}", now.plusMillis(1));
        store(3, "o-1", 1, "2", "{\"orderId\":\"o-1\",\"quantity\":5}", now.plusMillis(2));

        var events = scan.next(10);

        assertThat(events).containsExactly(
                new StoredEvent(1, "o-1", 0, now, new Placed("o-1", 3)),
                new StoredEvent(2, "o-2", 0, now.plusMillis(1), new Placed("o-2", 1)),
                new StoredEvent(3, "o-1", 1, now.plusMillis(2), new Placed("o-1", 5)));
        assertThat(scan.token()).isEqualTo(GapAwareTrackingToken.newInstance(3, List.of()));
        assertThat(scan.next(10)).isEmpty();
    }

    @Test
    void readsInChunksAndPicksUpALateCommitInAGap() {
        store(1, "o-1", 0, "2", "{\"orderId\":\"o-1\",\"quantity\":1}", now);
        store(2, "o-2", 0, "2", "{\"orderId\":\"o-2\",\"quantity\":1}", now);
        store(4, "o-4", 0, "2", "{\"orderId\":\"o-4\",\"quantity\":1}", now);

        assertThat(scan.next(2)).extracting(StoredEvent::position).containsExactly(1L, 2L);
        assertThat(scan.next(2)).extracting(StoredEvent::position).containsExactly(4L);
        assertThat(scan.token()).isEqualTo(GapAwareTrackingToken.newInstance(4, List.of(3L)));

        store(3, "o-3", 0, "2", "{\"orderId\":\"o-3\",\"quantity\":1}", now);
        store(5, "o-5", 0, "2", "{\"orderId\":\"o-5\",\"quantity\":1}", now);

        assertThat(scan.next(10)).extracting(StoredEvent::position).containsExactly(3L, 5L);
        assertThat(scan.token()).isEqualTo(GapAwareTrackingToken.newInstance(5, List.of()));
    }

    @Test
    void givesUpAGapOnceTheEventAfterItIsOlderThanTheGapTimeout() {
        store(1, "o-1", 0, "2", "{\"orderId\":\"o-1\",\"quantity\":1}", now.minus(Duration.ofHours(1)));
        store(4, "o-4", 0, "2", "{\"orderId\":\"o-4\",\"quantity\":1}", now.minus(Duration.ofHours(1)));
        store(7, "o-7", 0, "2", "{\"orderId\":\"o-7\",\"quantity\":1}", now);

        assertThat(scan.next(10)).hasSize(3);
        assertThat(scan.token()).isEqualTo(GapAwareTrackingToken.newInstance(7, List.of(2L, 3L, 5L, 6L)));
        assertThat(scan.next(10)).isEmpty();
        assertThat(scan.token()).isEqualTo(GapAwareTrackingToken.newInstance(7, List.of(5L, 6L)));
    }

    private void store(long index, String aggregate, long sequence, String revision, String payload, Instant at) {
        jdbc.update("INSERT INTO domain_event_entry VALUES (?, ?, ?, 'Order', ?, ?, ?, ?, ?, ?)", index, aggregate,
                sequence, UUID.randomUUID().toString(), "{}".getBytes(StandardCharsets.UTF_8),
                payload.getBytes(StandardCharsets.UTF_8), revision, Placed.class.getName(),
                DateTimeUtils.formatInstant(at));
    }
}
