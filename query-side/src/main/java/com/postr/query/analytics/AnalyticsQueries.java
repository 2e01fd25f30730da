package com.postr.query.analytics;

import com.postr.api.analytics.DateRange;
import com.postr.api.analytics.Funnel;
import com.postr.api.analytics.FunnelQuery;
import com.postr.api.analytics.Granularity;
import com.postr.api.analytics.OrdersReport;
import com.postr.api.analytics.OrdersReportQuery;
import com.postr.api.analytics.PaymentsReport;
import com.postr.api.analytics.PaymentsReportQuery;
import com.postr.api.analytics.PromoCodeUse;
import com.postr.api.analytics.PromoCodesReportQuery;
import com.postr.api.analytics.SalesPeriod;
import com.postr.api.analytics.SalesReportQuery;
import com.postr.api.analytics.TopProduct;
import com.postr.api.analytics.TopProductsQuery;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * The figures of docs/analytics.md, summed from the facts per query. Days are cut in the business time zone; the
 * range's instants come from it, so the facts' indexes on their instants serve every zone.
 */
@Component
@EnableConfigurationProperties(AnalyticsProperties.class)
class AnalyticsQueries {

    private static final int FETCH_SIZE = 500;

    private final JdbcTemplate jdbc;
    private final ZoneId zone;
    private final Clock clock;

    AnalyticsQueries(JdbcTemplate jdbc, AnalyticsProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.zone = properties.zone();
        this.clock = clock;
    }

    private OffsetDateTime start(DateRange range) {
        return range.from().atStartOfDay(zone).toOffsetDateTime();
    }

    private OffsetDateTime end(DateRange range) {
        return range.to().plusDays(1).atStartOfDay(zone).toOffsetDateTime();
    }

    /** The bucket a day falls in, as SQL over a local date expression. */
    private static String bucket(Granularity granularity, String localDay) {
        return switch (granularity) {
            case DAY -> localDay;
            case WEEK -> "date_trunc('week', " + localDay + ")::date";
            case MONTH -> "date_trunc('month', " + localDay + ")::date";
        };
    }

    private String day(String column) {
        return "(" + column + " AT TIME ZONE '" + zone.getId().replace("'", "''") + "')::date";
    }

    @QueryHandler
    Stream<SalesPeriod> handle(SalesReportQuery query) {
        var range = query.range();
        var granularity = query.granularity();
        // every bucket of the range, empty ones too, so a chart's axis has no holes
        var sql = """
                WITH buckets AS (
                    SELECT DISTINCT %1$s AS period FROM generate_series(?::date, ?::date, interval '1 day') AS d
                ), placed AS (
                    SELECT %2$s AS period, count(*) AS orders FROM analytics_order
                    WHERE placed_at >= ? AND placed_at < ? GROUP BY 1
                ), confirmed AS (
                    SELECT %3$s AS period, count(*) AS orders, sum(total) AS gross, sum(units) AS units,
                           sum(discount) AS discounts, sum(tax) AS tax, sum(shipping) AS shipping
                    FROM analytics_order WHERE confirmed_at >= ? AND confirmed_at < ? GROUP BY 1
                ), refunded AS (
                    SELECT %4$s AS period, sum(amount) AS refunds FROM analytics_refund
                    WHERE refunded_at >= ? AND refunded_at < ? GROUP BY 1
                )
                SELECT b.period, coalesce(p.orders, 0), coalesce(c.orders, 0), coalesce(c.gross, 0),
                       coalesce(r.refunds, 0), coalesce(c.units, 0), coalesce(c.discounts, 0), coalesce(c.tax, 0),
                       coalesce(c.shipping, 0)
                FROM buckets b LEFT JOIN placed p USING (period) LEFT JOIN confirmed c USING (period)
                     LEFT JOIN refunded r USING (period)
                ORDER BY b.period""".formatted(bucket(granularity, "d::date"),
                bucket(granularity, day("placed_at")), bucket(granularity, day("confirmed_at")),
                bucket(granularity, day("refunded_at")));
        var start = start(range);
        var end = end(range);
        return stream(sql, row -> {
            long confirmed = row.getLong(3);
            var gross = money(row.getBigDecimal(4));
            var refunds = money(row.getBigDecimal(5));
            return new SalesPeriod(row.getObject(1, LocalDate.class), row.getLong(2), confirmed, gross, refunds,
                    gross.subtract(refunds), confirmed == 0 ? null
                    : gross.divide(BigDecimal.valueOf(confirmed), 2, RoundingMode.HALF_EVEN),
                    row.getLong(6), money(row.getBigDecimal(7)), money(row.getBigDecimal(8)),
                    money(row.getBigDecimal(9)));
        }, range.from(), range.to(), start, end, start, end, start, end);
    }

    @QueryHandler
    OrdersReport handle(OrdersReportQuery query) {
        var start = start(query.range());
        var end = end(query.range());
        var byStatus = new TreeMap<String, Long>();
        jdbc.query("SELECT status, count(*) FROM analytics_order WHERE placed_at >= ? AND placed_at < ? "
                + "GROUP BY status", row -> {
            byStatus.put(row.getString(1), row.getLong(2));
        }, start, end);
        var byReason = new TreeMap<String, Long>();
        jdbc.query("SELECT coalesce(cancel_reason, 'UNKNOWN'), count(*) FROM analytics_order "
                + "WHERE cancelled_at >= ? AND cancelled_at < ? GROUP BY 1", row -> {
            byReason.put(row.getString(1), row.getLong(2));
        }, start, end);
        return new OrdersReport(byStatus.values().stream().mapToLong(Long::longValue).sum(), byStatus,
                byReason.values().stream().mapToLong(Long::longValue).sum(), byReason);
    }

    @QueryHandler
    Stream<TopProduct> handle(TopProductsQuery query) {
        var start = start(query.range());
        var end = end(query.range());
        var order = query.by() == TopProductsQuery.Ranking.UNITS ? "units DESC, revenue DESC"
                : "revenue DESC, units DESC";
        var products = """
                SELECT l.product_id, coalesce(p.title, l.product_id), p.artist, sum(l.quantity) AS units,
                       sum(l.line_total) AS revenue
                FROM analytics_order_line l JOIN analytics_order o USING (order_id)
                     LEFT JOIN analytics_product p USING (product_id)
                WHERE o.confirmed_at >= ? AND o.confirmed_at < ? AND o.cancelled_at IS NULL
                GROUP BY l.product_id, p.title, p.artist
                ORDER BY %s, l.product_id LIMIT ?""".formatted(order);
        var ranked = new ArrayList<TopProduct>();
        jdbc.query(products, row -> {
            ranked.add(new TopProduct(ranked.size() + 1, row.getString(1), row.getString(2), row.getString(3),
                    row.getLong(4), money(row.getBigDecimal(5)), List.of()));
        }, start, end, query.limit());
        if (ranked.isEmpty()) {
            return Stream.empty();
        }
        // the variant mix of just these products, in one statement
        var mix = new LinkedHashMap<String, List<TopProduct.VariantSales>>();
        jdbc.query("""
                SELECT l.product_id, l.sku, v.size, v.framed, v.paper, sum(l.quantity) AS units,
                       sum(l.line_total) AS revenue
                FROM analytics_order_line l JOIN analytics_order o USING (order_id)
                     LEFT JOIN analytics_variant v USING (sku)
                WHERE o.confirmed_at >= ? AND o.confirmed_at < ? AND o.cancelled_at IS NULL
                  AND l.product_id = ANY (?)
                GROUP BY l.product_id, l.sku, v.size, v.framed, v.paper
                ORDER BY %s, l.sku""".formatted(order), row -> {
            mix.computeIfAbsent(row.getString(1), p -> new ArrayList<>()).add(new TopProduct.VariantSales(
                    row.getString(2), row.getString(3), (Boolean) row.getObject(4), row.getString(5),
                    row.getLong(6), money(row.getBigDecimal(7))));
        }, start, end, ranked.stream().map(TopProduct::productId).toArray(String[]::new));
        return ranked.stream().map(p -> new TopProduct(p.rank(), p.productId(), p.title(), p.artist(), p.units(),
                p.revenue(), List.copyOf(mix.getOrDefault(p.productId(), List.of()))));
    }

    @QueryHandler
    Funnel handle(FunnelQuery query) {
        var judgedBefore = clock.instant().minus(Duration.ofDays(query.abandonedAfterDays())).atOffset(ZoneOffset.UTC);
        var after = "interval '" + query.abandonedAfterDays() + " days'";
        return jdbc.queryForObject("""
                SELECT count(*),
                       count(*) FILTER (WHERE c.first_item_at IS NOT NULL),
                       count(*) FILTER (WHERE c.checked_out_at IS NOT NULL),
                       count(*) FILTER (WHERE o.confirmed_at IS NOT NULL),
                       count(*) FILTER (WHERE o.cancelled_at IS NOT NULL),
                       count(*) FILTER (WHERE c.expired_at IS NOT NULL),
                       count(*) FILTER (WHERE c.first_item_at IS NOT NULL AND c.created_at <= ?
                           AND (c.checked_out_at IS NULL OR c.checked_out_at > c.created_at + %1$s)),
                       count(*) FILTER (WHERE c.first_item_at IS NOT NULL AND c.created_at <= ?)
                FROM analytics_cart c LEFT JOIN analytics_order o ON o.order_id = c.order_id
                WHERE c.created_at >= ? AND c.created_at < ?""".formatted(after), (row, n) -> {
            long abandoned = row.getLong(7);
            long judged = row.getLong(8);
            return new Funnel(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5),
                    row.getLong(6), abandoned, judged == 0 ? null
                    : BigDecimal.valueOf(abandoned).divide(BigDecimal.valueOf(judged), 4, RoundingMode.HALF_EVEN),
                    query.abandonedAfterDays());
        }, judgedBefore, judgedBefore, start(query.range()), end(query.range()));
    }

    @QueryHandler
    PaymentsReport handle(PaymentsReportQuery query) {
        var start = start(query.range());
        var end = end(query.range());
        var byCode = new TreeMap<String, Long>();
        long[] outcomes = new long[2];
        jdbc.query("SELECT outcome, decline_code, count(*) FROM analytics_payment "
                + "WHERE decided_at >= ? AND decided_at < ? GROUP BY outcome, decline_code", row -> {
            if ("AUTHORIZED".equals(row.getString(1))) {
                outcomes[0] += row.getLong(3);
            } else {
                outcomes[1] += row.getLong(3);
                byCode.merge(row.getString(2), row.getLong(3), Long::sum);
            }
        }, start, end);
        long decided = outcomes[0] + outcomes[1];
        var latency = jdbc.queryForMap("""
                SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM confirmed_at - placed_at)) AS p50,
                       percentile_cont(0.95) WITHIN GROUP (ORDER BY extract(epoch FROM confirmed_at - placed_at)) AS p95
                FROM analytics_order WHERE confirmed_at >= ? AND confirmed_at < ?""", start, end);
        return new PaymentsReport(decided, outcomes[0], outcomes[1], decided == 0 ? null
                : BigDecimal.valueOf(outcomes[1]).divide(BigDecimal.valueOf(decided), 4, RoundingMode.HALF_EVEN),
                byCode, seconds(latency.get("p50")), seconds(latency.get("p95")));
    }

    @QueryHandler
    Stream<PromoCodeUse> handle(PromoCodesReportQuery query) {
        return stream("""
                SELECT promo_code, count(*), sum(discount), sum(total) FROM analytics_order
                WHERE promo_code IS NOT NULL AND confirmed_at >= ? AND confirmed_at < ? AND cancelled_at IS NULL
                GROUP BY promo_code ORDER BY count(*) DESC, promo_code""", row -> new PromoCodeUse(row.getString(1),
                row.getLong(2), money(row.getBigDecimal(3)), money(row.getBigDecimal(4))),
                start(query.range()), end(query.range()));
    }

    private static Double seconds(Object value) {
        return value == null ? null : Math.round(((Number) value).doubleValue() * 1000) / 1000.0;
    }

    private static BigDecimal money(BigDecimal value) {
        return value == null ? BigDecimal.ZERO.setScale(2) : value.setScale(2, RoundingMode.HALF_EVEN);
    }

    @FunctionalInterface
    private interface Row<T> {
        T map(java.sql.ResultSet row) throws java.sql.SQLException;
    }

    /**
     * Rows as they are fetched, FETCH_SIZE at a time, so a long report never sits in memory whole (PostgreSQL's
     * driver uses a cursor only outside autocommit). Closing the stream ends the query and returns the connection.
     */
    private <T> Stream<T> stream(String sql, Row<T> mapper, Object... parameters) {
        var dataSource = Objects.requireNonNull(jdbc.getDataSource());
        try {
            var connection = dataSource.getConnection();
            try {
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                var statement = connection.prepareStatement(sql);
                statement.setFetchSize(FETCH_SIZE);
                for (int i = 0; i < parameters.length; i++) {
                    statement.setObject(i + 1, parameters[i]);
                }
                var rows = statement.executeQuery();
                var iterator = new java.util.Iterator<T>() {
                    private Boolean ahead;

                    @Override
                    public boolean hasNext() {
                        try {
                            if (ahead == null) {
                                ahead = rows.next();
                            }
                            return ahead;
                        } catch (SQLException e) {
                            throw new IllegalStateException("Reading a report failed", e);
                        }
                    }

                    @Override
                    public T next() {
                        if (!hasNext()) {
                            throw new java.util.NoSuchElementException();
                        }
                        ahead = null;
                        try {
                            return mapper.map(rows);
                        } catch (SQLException e) {
                            throw new IllegalStateException("Reading a report failed", e);
                        }
                    }
                };
                return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator, Spliterator.ORDERED), false)
                        .onClose(() -> release(connection));
            } catch (SQLException | RuntimeException e) {
                release(connection);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("A report's query failed", e);
        }
    }

    private static void release(Connection connection) {
        try (connection) {
            connection.rollback();
            connection.setReadOnly(false);
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // the pool validates it before its next use
        }
    }
}
