package com.postr.app.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcDeadLetter;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.NoSuchDeadLetterException;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/**
 * Events parked by projections (Axon's dead-letter queues) and by sagas ({@link SagaDeadLetters}), in one place:
 * listed from {@code dead_letter_entry}, retried and evicted through the queues, so claims and ordering hold.
 * A parked event blocks only its own sequence (a projection's aggregate, a saga's order). Letters are retried here
 * without an operator, with back-off, until {@code postr.dead-letters.max-attempts}; then they are parked and wait
 * for an operator's retry or eviction.
 */
@Component
class DeadLetters {

    private static final Logger log = LoggerFactory.getLogger(DeadLetters.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** How many sequences one automatic round retries, per processing group, at most. */
    private static final int ROUND = 100;

    private final EventProcessingConfiguration processing;
    private final SagaDeadLetters sagas;
    private final JdbcTemplate jdbc;
    private final DeadLetterProperties policy;
    private final Clock clock;

    DeadLetters(EventProcessingConfiguration processing, SagaDeadLetters sagas, JdbcTemplate jdbc,
                DeadLetterProperties policy, Clock clock) {
        this.processing = processing;
        this.sagas = sagas;
        this.jdbc = jdbc;
        this.policy = policy;
        this.clock = clock;
    }

    record Cause(String type, String message) {
    }

    record Event(String id, String type, String aggregateType, String aggregateId, Long sequenceNumber,
                 Instant timestamp, JsonNode payload) {
    }

    /**
     * @param status {@code retrying} (due again at {@code nextRetryAt}), {@code parked} (waits for an operator),
     *               {@code queued} (behind an earlier letter of its sequence) or {@code processing}
     */
    record Letter(String id, String processor, String sequence, long sequenceIndex, String status, int attempts,
                  Instant enqueuedAt, Instant lastTouched, Instant nextRetryAt, Cause cause, Event event) {
    }

    record Retry(String id, boolean succeeded, long remainingInSequence, Letter letter) {
    }

    record RetryAll(String processor, int sequences, int succeeded, int failed, long remaining) {
    }

    /** The processing groups of this node that park events. */
    Set<String> groups() {
        var groups = new TreeSet<String>();
        processing.eventProcessors().keySet().forEach(name -> {
            if (processing.deadLetterQueue(name).isPresent() || sagas.isSagaGroup(name)) {
                groups.add(name);
            }
        });
        return groups;
    }

    List<Letter> list(String processor, int offset, int limit) {
        return jdbc.query(SELECT + " WHERE (CAST(? AS text) IS NULL OR processing_group = ?)"
                + " ORDER BY processing_group, sequence_identifier, sequence_index OFFSET ? LIMIT ?",
                this::letter, processor, processor, offset, limit);
    }

    long count(String processor) {
        var count = jdbc.queryForObject("SELECT count(*) FROM dead_letter_entry"
                + " WHERE (CAST(? AS text) IS NULL OR processing_group = ?)", Long.class, processor, processor);
        return count == null ? 0 : count;
    }

    /** The letters of one sequence of a processing group, in order (a saga's: its association value). */
    List<Letter> sequence(String processor, String sequence) {
        return jdbc.query(SELECT + " WHERE processing_group = ? AND sequence_identifier = ? ORDER BY sequence_index",
                this::letter, processor, sequence);
    }

    Letter one(String id) {
        return find(id).orElseThrow(() -> new ApiException(ErrorCode.NOT_FOUND, "No dead letter '" + id + "'",
                Map.of("id", id)));
    }

    /** Retries the letter's sequence from its head, in order: a letter cannot go before those parked before it. */
    Retry retry(String id) {
        var letter = one(id);
        var succeeded = processSequence(letter.processor(), letter.sequence());
        var remaining = sequence(letter.processor(), letter.sequence()).size();
        return new Retry(id, succeeded, remaining, find(id).orElse(null));
    }

    RetryAll retryAll(String processor) {
        requireGroup(processor);
        var sequences = jdbc.queryForList("SELECT DISTINCT sequence_identifier FROM dead_letter_entry"
                + " WHERE processing_group = ?", String.class, processor);
        int succeeded = 0;
        for (var sequence : sequences) {
            succeeded += processSequence(processor, sequence) ? 1 : 0;
        }
        return new RetryAll(processor, sequences.size(), succeeded, sequences.size() - succeeded, count(processor));
    }

    /** Removes the letter for good; the rest of its sequence stays parked until retried. */
    void evict(String id) {
        var letter = one(id);
        var queue = queue(letter.processor());
        for (var parked : queue.deadLetterSequence(letter.sequence())) {
            if (parked instanceof JdbcDeadLetter<?> jdbcLetter && jdbcLetter.getIdentifier().equals(id)) {
                queue.evict(parked);
                return;
            }
        }
        throw new ApiException(ErrorCode.NOT_FOUND, "No dead letter '" + id + "'", Map.of("id", id));
    }

    void requireGroup(String processor) {
        if (!groups().contains(processor)) {
            throw new ApiException(ErrorCode.NOT_FOUND, "No processor '" + processor + "' that parks events here",
                    Map.of("processor", processor));
        }
    }

    /**
     * Retries, on this node, the letters that are due: each group's sequences whose head has failed fewer than
     * the maximum attempts and has waited its back-off. Only for processors running here, so a processor an
     * operator stopped (to rebuild it, say) is left alone.
     */
    @Scheduled(fixedDelayString = "${postr.dead-letters.retry-interval:5s}", initialDelayString = "10s")
    void retryDue() {
        var parked = jdbc.queryForList("SELECT DISTINCT processing_group FROM dead_letter_entry", String.class);
        var here = groups();
        for (var group : parked) {
            var processor = processing.eventProcessor(group);
            if (processor.isEmpty() || !processor.get().isRunning() || !here.contains(group)) {
                continue;
            }
            var now = clock.instant();
            Set<String> tried = new HashSet<>();
            for (int i = 0; i < ROUND; i++) {
                int before = tried.size();
                // the queue tests heads in turn and takes the first accepted: each sequence once per round
                process(group, letter -> due(letter, now) && tried.add(sequenceOf(letter)));
                if (tried.size() == before) {
                    break; // nothing else is due
                }
            }
        }
    }

    private boolean due(DeadLetter<?> letter, Instant now) {
        int attempts = Attempts.of(letter);
        return attempts < policy.maxAttempts() && (attempts == 0
                || !letter.lastTouched().plus(policy.retryAfter(attempts)).isAfter(now));
    }

    private boolean processSequence(String processor, String sequence) {
        requireGroup(processor);
        return process(processor, letter -> sequence.equals(sequenceOf(letter)));
    }

    /**
     * Processes the first sequence {@code filter} accepts. Axon counts a failing handler as a failed attempt, but
     * not a failure at commit (a write the database refuses dooms the transaction, and the requeue goes with it):
     * that attempt is counted here, so such a letter too reaches its limit instead of being retried forever.
     */
    private boolean process(String group, Predicate<DeadLetter<? extends EventMessage<?>>> filter) {
        var chosen = new AtomicReference<DeadLetter<? extends EventMessage<?>>>();
        Predicate<DeadLetter<? extends EventMessage<?>>> choosing = letter -> {
            boolean take = filter.test(letter);
            if (take) {
                chosen.set(letter);
            }
            return take;
        };
        try {
            return sagas.isSagaGroup(group) ? sagas.process(group, choosing)
                    : processing.sequencedDeadLetterProcessor(group).orElseThrow().process(choosing);
        } catch (RuntimeException e) {
            log.warn("A dead letter of {} failed when its transaction committed", group, e);
            if (chosen.get() != null) {
                try {
                    queue(group).requeue(chosen.get(),
                            letter -> letter.withDiagnostics(letter.diagnostics().and(Attempts.KEY,
                                    Attempts.of(letter) + 1)));
                } catch (NoSuchDeadLetterException gone) {
                    // the chosen letter went through; a later one of its sequence failed and is retried later
                }
            }
            return false;
        }
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queue(String group) {
        return sagas.queue(group).or(() -> processing.deadLetterQueue(group)).orElseThrow(() -> new ApiException(
                ErrorCode.NOT_FOUND, "No processor '" + group + "' that parks events here", Map.of("processor", group)));
    }

    private static String sequenceOf(DeadLetter<?> letter) {
        return letter instanceof JdbcDeadLetter<?> jdbcLetter ? jdbcLetter.getSequenceIdentifier() : null;
    }

    private Optional<Letter> find(String id) {
        return jdbc.query(SELECT + " WHERE dead_letter_id = ?", this::letter, id).stream().findFirst();
    }

    private static final String SELECT = """
            SELECT dead_letter_id, processing_group, sequence_identifier, sequence_index, event_identifier,
                   payload_type, payload, aggregate_type, aggregate_identifier, sequence_number, time_stamp,
                   enqueued_at, last_touched, processing_started, cause_type, cause_message, diagnostics,
                   sequence_index = min(sequence_index) OVER (PARTITION BY processing_group, sequence_identifier)
                       AS head
            FROM dead_letter_entry
            """;

    private Letter letter(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        var attempts = attempts(rs.getBytes("diagnostics"));
        var lastTouched = instant(rs.getString("last_touched"));
        var head = rs.getBoolean("head");
        String status;
        Instant nextRetryAt = null;
        if (instant(rs.getString("processing_started")) != null) {
            status = "processing";
        } else if (!head) {
            status = "queued";
        } else if (attempts >= policy.maxAttempts()) {
            status = "parked";
        } else {
            status = "retrying";
            nextRetryAt = attempts == 0 || lastTouched == null ? clock.instant()
                    : lastTouched.plus(policy.retryAfter(attempts));
        }
        var causeType = rs.getString("cause_type");
        var sequenceNumber = rs.getObject("sequence_number") == null ? null : rs.getLong("sequence_number");
        return new Letter(rs.getString("dead_letter_id"), rs.getString("processing_group"),
                rs.getString("sequence_identifier"), rs.getLong("sequence_index"), status, attempts,
                instant(rs.getString("enqueued_at")), lastTouched, nextRetryAt,
                causeType == null ? null : new Cause(causeType, rs.getString("cause_message")),
                new Event(rs.getString("event_identifier"), rs.getString("payload_type"),
                        rs.getString("aggregate_type"), rs.getString("aggregate_identifier"), sequenceNumber,
                        instant(rs.getString("time_stamp")), json(rs.getBytes("payload"))));
    }

    private static int attempts(byte[] diagnostics) {
        var node = json(diagnostics);
        return node != null && node.path(Attempts.KEY).canConvertToInt() ? node.path(Attempts.KEY).asInt() : 0;
    }

    /** Stored payloads are Jackson's JSON; anything else is shown as text rather than failing the listing. */
    private static JsonNode json(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    /** Axon's JDBC queue stores instants as text (ISO-8601), or as epoch milliseconds in older rows. */
    private static Instant instant(String stored) {
        if (stored == null || stored.isBlank()) {
            return null;
        }
        return stored.chars().allMatch(Character::isDigit) ? Instant.ofEpochMilli(Long.parseLong(stored))
                : Instant.parse(stored);
    }
}
