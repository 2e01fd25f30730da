package com.postr.saga.checkout;

import com.postr.api.checkout.ActiveCheckout;
import com.postr.api.checkout.ActiveCheckoutPage;
import com.postr.api.checkout.CountActiveCheckoutsQuery;
import com.postr.api.checkout.EndCheckoutCommand;
import com.postr.api.checkout.FetchActiveCheckoutQuery;
import com.postr.api.checkout.FindActiveCheckoutsQuery;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.RejectionCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Checkouts that have not ended, as operators look for them: oldest first, with their stage and pending payment
 * deadline, read in one query from the saga's stored state (its JSON), the order's first event (when it was
 * placed) and the deadline scheduler's table. Ending one cancels its deadline and deletes it through Axon's saga
 * store, so no later event or deadline finds it.
 */
@Component
class ActiveCheckouts {

    private static final String SAGA_TYPE = CheckoutSaga.class.getName();
    private static final String SELECT = """
            SELECT s.saga_id, x.state ->> 'orderId' AS order_id, x.state ->> 'stage' AS stage,
                   e.time_stamp::timestamptz AS started_at, x.state ->> 'timeoutId' AS timeout_id,
                   t.execution_time AS timeout_at
            FROM saga_entry s
            CROSS JOIN LATERAL (SELECT convert_from(s.serialized_saga, 'UTF8')::jsonb AS state) x
            LEFT JOIN domain_event_entry e
                   ON e.aggregate_identifier = x.state ->> 'orderId' AND e.sequence_number = 0
            LEFT JOIN scheduled_tasks t ON t.task_instance = x.state ->> 'timeoutId'
            WHERE s.saga_type = ?
            """;
    private static final String STARTED_BEFORE = " AND (e.time_stamp IS NULL OR e.time_stamp::timestamptz < ?)";
    private static final String OF_ORDER = " AND (CAST(? AS text) IS NULL OR x.state ->> 'orderId' = ?)";

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final DeadlineManager deadlines;

    ActiveCheckouts(JdbcTemplate jdbc, EventProcessingConfiguration processing, DeadlineManager deadlines) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.deadlines = deadlines;
    }

    @QueryHandler
    ActiveCheckoutPage handle(FindActiveCheckoutsQuery query) {
        var before = query.startedBefore() == null ? Instant.parse("9999-12-31T00:00:00Z") : query.startedBefore();
        var page = jdbc.query(SELECT + STARTED_BEFORE + OF_ORDER
                        + " ORDER BY started_at NULLS FIRST, s.saga_id OFFSET ? LIMIT ?", ROW, SAGA_TYPE,
                Timestamp.from(before), query.orderId(), query.orderId(), query.offset(), query.limit());
        return new ActiveCheckoutPage(page, count(before, query.orderId()));
    }

    @QueryHandler
    Long handle(CountActiveCheckoutsQuery query) {
        return count(query.startedBefore(), null);
    }

    @QueryHandler
    ActiveCheckout handle(FetchActiveCheckoutQuery query) {
        return jdbc.query(SELECT + " AND s.saga_id = ?", ROW, SAGA_TYPE, query.sagaId()).stream().findFirst()
                .orElse(null);
    }

    @CommandHandler
    void handle(EndCheckoutCommand command) {
        var store = processing.sagaConfiguration(CheckoutSaga.class).store();
        var entry = store.loadSaga(CheckoutSaga.class, command.sagaId());
        if (entry == null) {
            throw new CommandRejectedException(RejectionCode.NOT_FOUND, "No active checkout '" + command.sagaId() + "'",
                    Map.of("id", command.sagaId()));
        }
        var saga = entry.saga();
        if (saga.timeoutId() != null) {
            deadlines.cancelSchedule(CheckoutSaga.PAYMENT_TIMEOUT, saga.timeoutId());
        }
        store.deleteSaga(CheckoutSaga.class, command.sagaId(), entry.associationValues());
    }

    private long count(Instant before, String orderId) {
        var count = jdbc.queryForObject("SELECT count(*) FROM (" + SELECT + STARTED_BEFORE + OF_ORDER + ") active",
                Long.class, SAGA_TYPE, Timestamp.from(before), orderId, orderId);
        return count == null ? 0 : count;
    }

    private static final RowMapper<ActiveCheckout> ROW = (rs, n) -> {
        var startedAt = rs.getTimestamp("started_at");
        var timeoutAt = rs.getTimestamp("timeout_at");
        var stage = rs.getString("stage");
        List<ActiveCheckout.PendingDeadline> pending = timeoutAt == null ? List.of()
                : List.of(new ActiveCheckout.PendingDeadline(CheckoutSaga.PAYMENT_TIMEOUT, rs.getString("timeout_id"),
                timeoutAt.toInstant()));
        return new ActiveCheckout(rs.getString("saga_id"), rs.getString("order_id"), stage == null ? "PLACED" : stage,
                startedAt == null ? null : startedAt.toInstant(), pending);
    };
}
