package com.postr.query.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.postr.api.audit.ReconcileProjectionsQuery;
import com.postr.api.audit.ReconciliationReport;
import com.postr.api.order.OrderRefundedEvent;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.AbstractEventProcessor;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Reconciles the read models with the event store: for every aggregate, the sequence number of the last event a
 * projection has handled (its token's position, minus the gaps below it) against the version its row records.
 * Everything is read in one repeatable-read snapshot, in which each processor's token and the rows it wrote were
 * committed together, so a projection that is merely behind shows no difference. Aggregates whose events are parked
 * in the projection's dead-letter queue are counted, not reported.
 */
@Component
class ProjectionReconciliation {

    private static final ObjectMapper TOKENS = new ObjectMapper();
    private static final int SHOWN = 100;

    /**
     * A read model keyed by aggregate, with the sequence number of the last event applied to the row; events of
     * {@code elsewhere} types are kept in other tables and do not move it.
     */
    private record Model(String processor, String table, String key, String version, String aggregateType,
                         Set<String> elsewhere) {
        Model(String processor, String table, String key, String version, String aggregateType) {
            this(processor, table, key, version, aggregateType, Set.of());
        }
    }

    private static final List<Model> MODELS = List.of(
            new Model("catalog", "catalog_product", "product_id", "version", "Product"),
            new Model("catalog-search", "catalog_search_product", "product_id", "product_seq", "Product"),
            new Model("stock-levels", "stock_level", "sku", "version", "StockItem"),
            new Model("carts", "cart_view", "cart_id", "version", "Cart"),
            new Model("promo-codes", "promo_code_view", "code", "version", "PromoCode"),
            new Model("order-history", "order_history", "order_id", "version", "Order"),
            new Model("analytics", "analytics_order", "order_id", "sequence_number", "Order",
                    Set.of(OrderRefundedEvent.class.getName())));

    private record Progress(long lowest, long highest, List<Long> gaps) {
    }

    private final JdbcTemplate jdbc;
    private final EventProcessingConfiguration processing;
    private final TransactionTemplate snapshot;
    private final Clock clock;

    ProjectionReconciliation(JdbcTemplate jdbc, EventProcessingConfiguration processing,
                             PlatformTransactionManager transactions, Clock clock) {
        this.jdbc = jdbc;
        this.processing = processing;
        this.clock = clock;
        this.snapshot = new TransactionTemplate(transactions);
        snapshot.setIsolationLevel(TransactionDefinition.ISOLATION_REPEATABLE_READ);
        snapshot.setReadOnly(true);
    }

    @QueryHandler
    ReconciliationReport handle(ReconcileProjectionsQuery query) {
        return snapshot.execute(status -> {
            var progress = progress();
            var types = payloadTypes();
            var projections = new ArrayList<ReconciliationReport.Projection>();
            for (var model : MODELS) {
                projections.add(reconcile(model, progress.get(model.processor()),
                        handled(model, types.getOrDefault(model.aggregateType(), List.of()))));
            }
            return new ReconciliationReport(clock.instant(),
                    projections.stream().allMatch(p -> p.differenceCount() == 0), projections);
        });
    }

    private ReconciliationReport.Projection reconcile(Model model, Progress progress, List<String> handled) {
        var parked = jdbc.queryForObject("SELECT count(DISTINCT sequence_identifier) FROM dead_letter_entry"
                + " WHERE processing_group = ?", Long.class, model.processor());
        if (progress == null) {
            return new ReconciliationReport.Projection(model.processor(), model.table(), null, 0, parked, 0,
                    List.of());
        }
        var compared = """
                WITH expected AS (
                    SELECT aggregate_identifier AS id,
                           max(sequence_number) FILTER (WHERE global_index <= ? AND global_index <> ALL (?::bigint[]))
                               AS low,
                           max(sequence_number) FILTER (WHERE global_index <= ?) AS high
                    FROM domain_event_entry
                    WHERE type = ? AND payload_type = ANY (?::text[])
                    GROUP BY aggregate_identifier),
                actual AS (SELECT %s AS id, %s AS version FROM %s),
                compared AS (
                    SELECT coalesce(e.id, a.id) AS id, e.low, e.high, a.version,
                           CASE WHEN a.id IS NULL THEN 'MISSING'
                                WHEN e.high IS NULL THEN 'UNKNOWN'
                                WHEN a.version < e.low THEN 'BEHIND'
                                WHEN a.version > e.high THEN 'AHEAD' END AS kind,
                           e.low IS NOT NULL AS handled
                    FROM expected e FULL JOIN actual a ON a.id = e.id
                    WHERE NOT EXISTS (SELECT 1 FROM dead_letter_entry d WHERE d.processing_group = ?
                                      AND d.sequence_identifier = coalesce(e.id, a.id)))
                """.formatted(model.key(), model.version(), model.table());
        var gaps = progress.gaps().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
        var typeArray = String.join(",", handled);
        Object[] args = {progress.lowest(), gaps, progress.highest(), model.aggregateType(), "{" + typeArray + "}",
                model.processor()};
        var totals = jdbc.queryForMap(compared + """
                SELECT count(*) FILTER (WHERE handled) AS aggregates,
                       count(*) FILTER (WHERE kind IS NOT NULL AND (kind <> 'MISSING' OR handled)) AS differences
                FROM compared""", args);
        var differences = jdbc.query(compared + """
                SELECT id, kind, low, version FROM compared
                WHERE kind IS NOT NULL AND (kind <> 'MISSING' OR handled) ORDER BY id LIMIT\s""" + SHOWN,
                (rs, n) -> new ReconciliationReport.Difference(rs.getString("id"), rs.getString("kind"),
                        (Long) rs.getObject("low"), (Long) rs.getObject("version")), args);
        return new ReconciliationReport.Projection(model.processor(), model.table(), progress.lowest(),
                ((Number) totals.get("aggregates")).longValue(), parked,
                ((Number) totals.get("differences")).longValue(), differences);
    }

    /** Per aggregate type, the payload types stored for it. */
    private Map<String, List<String>> payloadTypes() {
        return jdbc.query("SELECT DISTINCT type, payload_type FROM domain_event_entry WHERE type IS NOT NULL",
                (rs, n) -> Map.entry(rs.getString(1), rs.getString(2))).stream()
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    /** The payload types the model's processor handles (as its own handlers say), of those stored. */
    private List<String> handled(Model model, List<String> stored) {
        var processor = processing.eventProcessor(model.processor()).orElse(null);
        if (!(processor instanceof AbstractEventProcessor handlers)) {
            // not on this node: every event of the aggregate counts
            return stored.stream().filter(type -> !model.elsewhere().contains(type)).toList();
        }
        var handled = new ArrayList<String>();
        for (var type : stored) {
            if (model.elsewhere().contains(type)) {
                continue;
            }
            try {
                if (handlers.eventHandlerInvoker().canHandleType(Class.forName(type))) {
                    handled.add(type);
                }
            } catch (ClassNotFoundException retired) {
                // an event type this build no longer has: no handler applies it
            }
        }
        return handled;
    }

    /** Each processor's lowest and highest segment position and the gaps below them, from token_entry. */
    private Map<String, Progress> progress() {
        var positions = new java.util.HashMap<String, List<JsonNode>>();
        jdbc.query("SELECT processor_name, token FROM token_entry", row -> {
            var token = token(row.getBytes(2));
            if (token != null) {
                positions.computeIfAbsent(row.getString(1), name -> new ArrayList<>()).add(token);
            }
        });
        var progress = new java.util.HashMap<String, Progress>();
        positions.forEach((name, tokens) -> {
            long lowest = Long.MAX_VALUE;
            long highest = Long.MIN_VALUE;
            var gaps = new TreeSet<Long>();
            for (var token : tokens) {
                long index = token.path("index").asLong(-1);
                lowest = Math.min(lowest, index);
                highest = Math.max(highest, index);
                token.path("gaps").forEach(gap -> gaps.add(gap.asLong()));
            }
            progress.put(name, new Progress(lowest, highest, List.copyOf(gaps)));
        });
        return progress;
    }

    /** The gap-aware token inside a stored one, however deep replay tokens wrap it; null when unreadable. */
    private static JsonNode token(byte[] stored) {
        if (stored == null) {
            return null;
        }
        try {
            JsonNode node = TOKENS.readTree(stored);
            while (node.has("currentToken")) {
                node = node.get("currentToken");
            }
            return node.has("index") ? node : null;
        } catch (IOException unreadable) {
            return null;
        }
    }
}
