package com.postr.app.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
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
import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.gateway.Queries;
import com.postr.identity.Caller;
import com.postr.identity.Role;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springdoc.core.annotations.ParameterObject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import reactor.core.publisher.Flux;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reports for analysts and admins. Each answers JSON, or CSV with a header row when asked ({@code Accept: text/csv}
 * or {@code format=csv}); the long reports stream their CSV row by row as the database returns them.
 */
@RestController
@RequestMapping(path = "/api/v1/analytics", produces = {"application/json", "text/csv"})
@Tag(name = "Analytics", description = "Sales, orders, products, funnel, payments and promo codes (analysts, admins)")
class AnalyticsController {

    static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final int DEFAULT_DAYS = 30;

    private final Queries queries;
    private final ObjectMapper httpMapper;
    private final ZoneId zone;
    private final String currency;

    AnalyticsController(Queries queries, ObjectMapper httpMapper, @Value("${postr.analytics.zone:UTC}") ZoneId zone,
                        @Value("${postr.pricing.currency:EUR}") String currency) {
        this.queries = queries;
        this.httpMapper = httpMapper;
        this.zone = zone;
        this.currency = currency;
    }

    record SalesJson(LocalDate from, LocalDate to, String granularity, String zone, String currency,
                     List<SalesPeriod> data, SalesTotals totals) {
    }

    record SalesTotals(long ordersPlaced, long ordersConfirmed, BigDecimal grossSales, BigDecimal refunds,
                       BigDecimal revenue, BigDecimal averageOrderValue, long units, BigDecimal discounts,
                       BigDecimal tax, BigDecimal shipping) {
    }

    @GetMapping("/sales")
    @Operation(summary = "Sales per day, ISO week or month: orders placed and confirmed, gross sales, refunds, "
            + "revenue, average order value, units, discounts, tax and shipping")
    @ApiResponse(responseCode = "200", description = "One row per period of the range, empty ones included",
            content = {@Content(mediaType = "application/json", schema = @Schema(implementation = SalesJson.class)),
                    @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR: a bad date, from after to, more than five "
            + "years, an unknown granularity or format", content = @Content(mediaType = "application/json",
            schema = @Schema(implementation = ApiError.class)))
    ResponseEntity<StreamingResponseBody> sales(
            @ParameterObject Days days,
            @RequestParam(defaultValue = "day") @Parameter(description = "day, week or month")
            String granularity,
            @ParameterObject Answer answer) {
        var range = range(days);
        var bucket = choice("granularity", granularity, Granularity.class);
        var query = new SalesReportQuery(range, bucket);
        if (answer.csv()) {
            return csv("sales", out -> {
                out.row("period", "orders_placed", "orders_confirmed", "gross_sales", "refunds", "revenue",
                        "average_order_value", "units", "discounts", "tax", "shipping", "currency");
                streamed(query, SalesPeriod.class, p -> out.row(p.period(), p.ordersPlaced(), p.ordersConfirmed(),
                        p.grossSales(), p.refunds(), p.revenue(), p.averageOrderValue(), p.units(), p.discounts(),
                        p.tax(), p.shipping(), currency));
            });
        }
        var periods = queries.list(query, SalesPeriod.class);
        return json(new SalesJson(range.from(), range.to(), bucket.name().toLowerCase(Locale.ROOT),
                zone.getId(), currency, periods, totals(periods)));
    }

    private static SalesTotals totals(List<SalesPeriod> periods) {
        long placed = 0;
        long confirmed = 0;
        long units = 0;
        var gross = BigDecimal.ZERO.setScale(2);
        var refunds = gross;
        var discounts = gross;
        var tax = gross;
        var shipping = gross;
        for (var p : periods) {
            placed += p.ordersPlaced();
            confirmed += p.ordersConfirmed();
            units += p.units();
            gross = gross.add(p.grossSales());
            refunds = refunds.add(p.refunds());
            discounts = discounts.add(p.discounts());
            tax = tax.add(p.tax());
            shipping = shipping.add(p.shipping());
        }
        return new SalesTotals(placed, confirmed, gross, refunds, gross.subtract(refunds), confirmed == 0 ? null
                : gross.divide(BigDecimal.valueOf(confirmed), 2, RoundingMode.HALF_EVEN), units, discounts, tax,
                shipping);
    }

    record OrdersJson(LocalDate from, LocalDate to, long placed, Map<String, Long> byStatus, long cancelled,
                      Map<String, Long> cancellationsByReason) {
    }

    @GetMapping("/orders")
    @Operation(summary = "Orders placed in the range by their status now, and orders cancelled in it by reason")
    @ApiResponse(responseCode = "200", description = "The counts", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = OrdersJson.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    ResponseEntity<StreamingResponseBody> orders(
            @ParameterObject Days days,
            @ParameterObject Answer answer) {
        var range = range(days);
        var report = queries.ask(new OrdersReportQuery(range), OrdersReport.class);
        if (answer.csv()) {
            return csv("orders", out -> {
                out.row("metric", "key", "orders");
                out.row("placed", "", report.placed());
                for (var entry : report.byStatus().entrySet()) {
                    out.row("placed_by_status", entry.getKey(), entry.getValue());
                }
                out.row("cancelled", "", report.cancelled());
                for (var entry : report.cancellationsByReason().entrySet()) {
                    out.row("cancelled_by_reason", entry.getKey(), entry.getValue());
                }
            });
        }
        return json(new OrdersJson(range.from(), range.to(), report.placed(), report.byStatus(),
                report.cancelled(), report.cancellationsByReason()));
    }

    record TopProductsJson(LocalDate from, LocalDate to, String by, String currency, List<TopProduct> data) {
    }

    @GetMapping("/products/top")
    @Operation(summary = "Products by revenue or units in orders confirmed in the range, each with its mix of "
            + "variants (size, frame, paper)")
    @ApiResponse(responseCode = "200", description = "Best first; CSV has one row per variant", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = TopProductsJson.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    ResponseEntity<StreamingResponseBody> topProducts(
            @ParameterObject Days days,
            @RequestParam(defaultValue = "revenue") @Parameter(description = "revenue or units") String by,
            @RequestParam(defaultValue = "10") @Min(1) @Max(10_000) int limit,
            @ParameterObject Answer answer) {
        var range = range(days);
        var ranking = choice("by", by, TopProductsQuery.Ranking.class);
        var query = new TopProductsQuery(range, ranking, limit);
        if (answer.csv()) {
            return csv("top-products", out -> {
                out.row("rank", "product_id", "title", "artist", "product_units", "product_revenue", "sku", "size",
                        "framed", "paper", "units", "revenue", "currency");
                streamed(query, TopProduct.class, p -> {
                    for (var v : p.variants()) {
                        out.row(p.rank(), p.productId(), p.title(), p.artist(), p.units(), p.revenue(), v.sku(),
                                v.size(), v.framed(), v.paper(), v.units(), v.revenue(), currency);
                    }
                });
            });
        }
        return json(new TopProductsJson(range.from(), range.to(), ranking.name().toLowerCase(Locale.ROOT),
                currency, queries.list(query, TopProduct.class)));
    }

    record FunnelJson(LocalDate from, LocalDate to, long cartsCreated, long cartsWithItems, long checkoutsStarted,
                      long ordersConfirmed, long ordersCancelled, long cartsExpired, long cartsAbandoned,
                      BigDecimal abandonmentRate, int abandonedAfterDays) {
    }

    @GetMapping("/funnel")
    @Operation(summary = "Carts created in the range → with items → checked out → orders confirmed / cancelled; "
            + "carts expired by the 30-day rule, and abandoned (with items, not checked out within N days)")
    @ApiResponse(responseCode = "200", description = "The funnel", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = FunnelJson.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    ResponseEntity<StreamingResponseBody> funnel(
            @ParameterObject Days days,
            @RequestParam(name = "abandoned_after_days", defaultValue = "7") @Min(1) @Max(365)
            int abandonedAfterDays,
            @ParameterObject Answer answer) {
        var range = range(days);
        var f = queries.ask(new FunnelQuery(range, abandonedAfterDays), Funnel.class);
        if (answer.csv()) {
            return csv("funnel", out -> {
                out.row("step", "carts");
                out.row("carts_created", f.cartsCreated());
                out.row("carts_with_items", f.cartsWithItems());
                out.row("checkouts_started", f.checkoutsStarted());
                out.row("orders_confirmed", f.ordersConfirmed());
                out.row("orders_cancelled", f.ordersCancelled());
                out.row("carts_expired", f.cartsExpired());
                out.row("carts_abandoned", f.cartsAbandoned());
                out.row("abandonment_rate", f.abandonmentRate());
            });
        }
        return json(new FunnelJson(range.from(), range.to(), f.cartsCreated(), f.cartsWithItems(),
                f.checkoutsStarted(), f.ordersConfirmed(), f.ordersCancelled(), f.cartsExpired(), f.cartsAbandoned(),
                f.abandonmentRate(), f.abandonedAfterDays()));
    }

    record PaymentsJson(LocalDate from, LocalDate to, long decided, long authorized, long declined,
                        BigDecimal declineRate, Map<String, Long> declinesByCode, Double confirmationSecondsP50,
                        Double confirmationSecondsP95) {
    }

    @GetMapping("/payments")
    @Operation(summary = "Authorizations decided in the range: decline rate, declines by code; placement to "
            + "confirmation time (p50, p95) of the orders confirmed in it")
    @ApiResponse(responseCode = "200", description = "The payments report", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = PaymentsJson.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    ResponseEntity<StreamingResponseBody> payments(
            @ParameterObject Days days,
            @ParameterObject Answer answer) {
        var range = range(days);
        var p = queries.ask(new PaymentsReportQuery(range), PaymentsReport.class);
        if (answer.csv()) {
            return csv("payments", out -> {
                out.row("metric", "key", "value");
                out.row("decided", "", p.decided());
                out.row("authorized", "", p.authorized());
                out.row("declined", "", p.declined());
                out.row("decline_rate", "", p.declineRate());
                for (var entry : p.declinesByCode().entrySet()) {
                    out.row("declines_by_code", entry.getKey(), entry.getValue());
                }
                out.row("confirmation_seconds_p50", "", p.confirmationSecondsP50());
                out.row("confirmation_seconds_p95", "", p.confirmationSecondsP95());
            });
        }
        return json(new PaymentsJson(range.from(), range.to(), p.decided(), p.authorized(), p.declined(),
                p.declineRate(), p.declinesByCode(), p.confirmationSecondsP50(), p.confirmationSecondsP95()));
    }

    record PromoCodesJson(LocalDate from, LocalDate to, String currency, List<PromoCodeUse> data) {
    }

    @GetMapping("/promo-codes")
    @Operation(summary = "Promo codes used in orders confirmed in the range: orders, discount given, their sales")
    @ApiResponse(responseCode = "200", description = "Most used first", content = {
            @Content(mediaType = "application/json", schema = @Schema(implementation = PromoCodesJson.class)),
            @Content(mediaType = "text/csv", schema = @Schema(type = "string"))})
    ResponseEntity<StreamingResponseBody> promoCodes(
            @ParameterObject Days days,
            @ParameterObject Answer answer) {
        var range = range(days);
        var query = new PromoCodesReportQuery(range);
        if (answer.csv()) {
            return csv("promo-codes", out -> {
                out.row("code", "orders", "discount", "sales", "currency");
                streamed(query, PromoCodeUse.class, u -> out.row(u.code(), u.orders(), u.discount(), u.sales(),
                        currency));
            });
        }
        return json(new PromoCodesJson(range.from(), range.to(), currency,
                queries.list(query, PromoCodeUse.class)));
    }

    // --- shared --------------------------------------------------------------------------------------------

    private static final LocalDate EARLIEST = LocalDate.of(1970, 1, 1);
    private static final LocalDate LATEST = LocalDate.of(9999, 12, 31);

    /**
     * The days a report covers, from and to included; by default the last 30 up to today in the business time
     * zone. Dates outside 1970 to 9999 are refused: no shop's report means them, and date arithmetic would overflow.
     */
    record Days(@DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Parameter(description = "first day, 2026-03-01")
                LocalDate from,
                @DateTimeFormat(iso = DateTimeFormat.ISO.DATE) @Parameter(description = "last day, included")
                LocalDate to) {
    }

    private DateRange range(Days days) {
        Caller.current().require(Role.ADMIN, Role.ANALYST);
        within("from", days.from());
        within("to", days.to());
        var end = days.to() != null ? days.to() : LocalDate.now(zone);
        var start = days.from() != null ? days.from() : end.minusDays(DEFAULT_DAYS - 1);
        if (start.isAfter(end)) {
            throw ApiException.invalidField(days.from() != null ? "from" : "to", "must not be after to (" + end + ")");
        }
        if (start.plusYears(DateRange.MAX_YEARS).isBefore(end)) {
            throw ApiException.invalidField("to", "must be at most " + DateRange.MAX_YEARS + " years after from");
        }
        return new DateRange(start, end);
    }

    private static void within(String field, LocalDate date) {
        if (date != null && (date.isBefore(EARLIEST) || date.isAfter(LATEST))) {
            throw ApiException.invalidField(field, "must be between " + EARLIEST + " and " + LATEST);
        }
    }

    /** How to answer: {@code format} if given, else CSV when the client accepts CSV rather than JSON. */
    record Answer(@Parameter(description = "json or csv") String format) {

        boolean csv() {
            if (format != null) {
                return switch (format.toLowerCase(Locale.ROOT)) {
                    case "csv" -> true;
                    case "json" -> false;
                    default -> throw ApiException.invalidField("format", "must be json or csv");
                };
            }
            var accept = ((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest()
                    .getHeader("Accept");
            return accept != null && accept.contains("text/csv") && !accept.contains("application/json");
        }
    }

    private static <E extends Enum<E>> E choice(String field, String value, Class<E> type) {
        for (var constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value)) {
                return constant;
            }
        }
        throw ApiException.invalidField(field, "must be one of " + java.util.Arrays.stream(type.getEnumConstants())
                .map(c -> c.name().toLowerCase(Locale.ROOT)).toList());
    }

    @FunctionalInterface
    private interface Rows {
        void write(Csv out) throws IOException;
    }

    /**
     * JSON through the same streaming return type as CSV, so one handler answers both (Spring picks the return
     * value handler from the declared type, not from what a call returns).
     */
    private ResponseEntity<StreamingResponseBody> json(Object answer) {
        var bytes = writeJson(answer);
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(out -> out.write(bytes));
    }

    private byte[] writeJson(Object answer) {
        try {
            return httpMapper.writeValueAsBytes(answer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("A report could not be written as JSON", e);
        }
    }

    private static ResponseEntity<StreamingResponseBody> csv(String name, Rows rows) {
        StreamingResponseBody body = stream -> {
            rows.write(new Csv(stream));
            stream.flush();
        };
        return ResponseEntity.ok().contentType(CSV)
                .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").body(body);
    }

    @FunctionalInterface
    private interface RowWriter<T> {
        void write(T row) throws IOException;
    }

    /** Rows as the read model sends them, a small batch ahead of the client. */
    private <T> void streamed(Object query, Class<T> type, RowWriter<T> writer) throws IOException {
        try (var rows = Flux.from(queries.stream(query, type)).toStream(ROWS_AHEAD)) {
            for (var iterator = rows.iterator(); iterator.hasNext(); ) {
                writer.write(iterator.next());
            }
        }
    }

    private static final int ROWS_AHEAD = 256;
}
