package com.postr.query.analytics;

import com.postr.api.analytics.DateRange;
import com.postr.api.analytics.FunnelQuery;
import com.postr.api.analytics.Granularity;
import com.postr.api.analytics.OrdersReportQuery;
import com.postr.api.analytics.PaymentsReportQuery;
import com.postr.api.analytics.PromoCodesReportQuery;
import com.postr.api.analytics.SalesPeriod;
import com.postr.api.analytics.SalesReportQuery;
import com.postr.api.analytics.TopProductsQuery;
import com.postr.api.cart.CartAbandonedEvent;
import com.postr.api.cart.CartCheckedOutEvent;
import com.postr.api.cart.CartCreatedEvent;
import com.postr.api.cart.CartId;
import com.postr.api.cart.CartItemAddedEvent;
import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import com.postr.api.order.CancellationReason;
import com.postr.api.order.OrderCancelledEvent;
import com.postr.api.order.OrderConfirmedEvent;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderLine;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.OrderRefundedEvent;
import com.postr.api.order.OrderStatus;
import com.postr.api.order.PriceBreakdown;
import com.postr.api.order.RefundStatus;
import com.postr.api.order.SalesChannel;
import com.postr.api.payment.PaymentAuthorizationRequestedEvent;
import com.postr.api.payment.PaymentAuthorizedEvent;
import com.postr.api.payment.PaymentDeclinedEvent;
import com.postr.api.payment.PaymentId;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The analytics facts and figures from events at chosen moments: days cut in the business time zone, buckets,
 * refunds after confirmation, the funnel's N-day rule, and idempotence (every event twice, and a replay after a
 * reset, give the same figures). The end-to-end scenario through the saga is AnalyticsApiTest in app.
 */
@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(AnalyticsProjection.class)
@Transactional(propagation = Propagation.NOT_SUPPORTED) // reports read through their own connections
class AnalyticsProjectionTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    /** 23:30 UTC on 1 March is already 2 March in Berlin. */
    private static final Instant LATE_EVENING = Instant.parse("2026-03-01T23:30:00Z");
    private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
    private static final ProductVariant A3 = new ProductVariant(new Sku("WAVE-A3"), PosterSize.A3, false,
            PaperFinish.MATTE, Money.of("30.00", "EUR"));
    private static final ProductVariant A2 = new ProductVariant(new Sku("WAVE-A2"), PosterSize.A2, true,
            PaperFinish.GLOSSY, Money.of("80.00", "EUR"));

    @Autowired
    AnalyticsProjection projection;
    @Autowired
    JdbcTemplate jdbc;

    private AnalyticsQueries reports;
    private final List<Consumer<AnalyticsProjection>> history = new ArrayList<>();

    @BeforeEach
    void setUp() {
        projection.onReset();
        reports = new AnalyticsQueries(jdbc, new AnalyticsProperties(BERLIN), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private void record(Consumer<AnalyticsProjection> event) {
        history.add(event);
        event.accept(projection);
    }

    private static OrderPlacedEvent placed(String id, String promo, OrderLine... lines) {
        var subtotal = java.util.Arrays.stream(lines).map(l -> l.lineTotal().amount())
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        var discount = promo == null ? BigDecimal.ZERO : new BigDecimal("10.00");
        var tax = new BigDecimal("5.00");
        var shipping = new BigDecimal("4.90");
        var total = subtotal.subtract(discount).add(tax).add(shipping);
        return new OrderPlacedEvent(new OrderId(id), "cus_1", List.of(lines), new PriceBreakdown(eur(subtotal),
                eur(discount), eur(tax), eur(shipping), eur(total)), promo, null, null, null, SalesChannel.WEB);
    }

    private static Money eur(BigDecimal amount) {
        return new Money(amount, "EUR");
    }

    private static OrderLine line(ProductVariant variant, int quantity) {
        return new OrderLine(variant.sku(), new ProductId("prod_wave"), "Great Wave", quantity, variant.price(),
                eur(variant.price().amount().multiply(BigDecimal.valueOf(quantity))));
    }

    /** Three orders over two Berlin days, a refund, a decline, an out-of-stock cancellation; carts around them. */
    private void storeTheMonth() {
        record(p -> p.on(new ProductRegisteredEvent(new ProductId("prod_wave"), "Great Wave", "Hokusai", "print",
                "japanese", List.of(), List.of(), List.of(A3, A2))));
        // order 1: placed late on 1 March UTC, which is 2 March in Berlin; 2 × A3 = 60.00 → total 69.90
        record(p -> p.on(new CartCreatedEvent(new CartId("cart_1"), "cus_1", null), LATE_EVENING.minusSeconds(600)));
        record(p -> p.on(new CartItemAddedEvent(new CartId("cart_1"), A3.sku(), new ProductId("prod_wave"),
                "Great Wave", A3.price(), 2), LATE_EVENING.minusSeconds(500)));
        record(p -> p.on(new CartCheckedOutEvent(new CartId("cart_1"), new OrderId("ord_1")), LATE_EVENING));
        record(p -> p.on(placed("ord_1", null, line(A3, 2)), 0, LATE_EVENING));
        record(p -> p.on(new PaymentAuthorizationRequestedEvent(new PaymentId("pay_1"), "ord_1",
                Money.of("69.90", "EUR"), "pm", "k1"), LATE_EVENING.plusSeconds(1)));
        record(p -> p.on(new PaymentAuthorizedEvent(new PaymentId("pay_1"), "ord_1", "pi_1",
                Money.of("69.90", "EUR")), LATE_EVENING.plusSeconds(2)));
        record(p -> p.on(new OrderConfirmedEvent(new OrderId("ord_1")), 3, LATE_EVENING.plusSeconds(4)));
        // order 2 on 3 March: A2 with a promo code, 80.00 − 10.00 + 9.90 = 79.90; refunded 20.00 on 5 March
        var march3 = Instant.parse("2026-03-03T10:00:00Z");
        record(p -> p.on(placed("ord_2", "SPRING", line(A2, 1)), 0, march3));
        record(p -> p.on(new PaymentAuthorizedEvent(new PaymentId("pay_2"), "ord_2", "pi_2",
                Money.of("79.90", "EUR")), march3.plusSeconds(8)));
        record(p -> p.on(new OrderConfirmedEvent(new OrderId("ord_2")), 3, march3.plusSeconds(10)));
        record(p -> p.on(new OrderRefundedEvent(new OrderId("ord_2"), Money.of("20.00", "EUR"), "re_1",
                Money.of("20.00", "EUR"), RefundStatus.PARTIALLY_REFUNDED), 4, Instant.parse("2026-03-05T09:00:00Z")));
        // order 3 on 3 March: declined; order 4: out of stock
        record(p -> p.on(placed("ord_3", null, line(A3, 1)), 0, march3.plusSeconds(60)));
        record(p -> p.on(new PaymentDeclinedEvent(new PaymentId("pay_3"), "ord_3", "insufficient_funds", "no"),
                march3.plusSeconds(62)));
        record(p -> p.on(new OrderCancelledEvent(new OrderId("ord_3"), OrderStatus.PENDING,
                CancellationReason.PAYMENT_DECLINED, null, "system", null), 3, march3.plusSeconds(63)));
        record(p -> p.on(placed("ord_4", null, line(A2, 5)), 0, march3.plusSeconds(120)));
        record(p -> p.on(new OrderCancelledEvent(new OrderId("ord_4"), OrderStatus.PENDING,
                CancellationReason.OUT_OF_STOCK, null, "system", null), 1, march3.plusSeconds(121)));
        // carts on 10 March: one with an item never checked out, one empty that expired; and on 18 March one
        // with an item, too young (at NOW, 20 March) to be judged by a 7-day rule
        var march10 = Instant.parse("2026-03-10T08:00:00Z");
        record(p -> p.on(new CartCreatedEvent(new CartId("cart_2"), null, "h"), march10));
        record(p -> p.on(new CartItemAddedEvent(new CartId("cart_2"), A3.sku(), new ProductId("prod_wave"),
                "Great Wave", A3.price(), 1), march10.plusSeconds(5)));
        record(p -> p.on(new CartCreatedEvent(new CartId("cart_3"), null, "h"), march10.plusSeconds(9)));
        record(p -> p.on(new CartAbandonedEvent(new CartId("cart_3"), null, 0, Money.of("0", "EUR")),
                march10.plusSeconds(9).plus(java.time.Duration.ofDays(30))));
        var march18 = Instant.parse("2026-03-18T08:00:00Z");
        record(p -> p.on(new CartCreatedEvent(new CartId("cart_4"), null, "h"), march18));
        record(p -> p.on(new CartItemAddedEvent(new CartId("cart_4"), A2.sku(), new ProductId("prod_wave"),
                "Great Wave", A2.price(), 1), march18.plusSeconds(5)));
    }

    private static final DateRange MARCH = new DateRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31));

    private List<SalesPeriod> sales(Granularity granularity) {
        try (var periods = reports.handle(new SalesReportQuery(MARCH, granularity))) {
            return periods.toList();
        }
    }

    private SalesPeriod day(int dayOfMonth) {
        return sales(Granularity.DAY).stream().filter(p -> p.period().equals(LocalDate.of(2026, 3, dayOfMonth)))
                .findFirst().orElseThrow();
    }

    @Test
    void cutsDaysInTheBusinessZoneAndNetsRefundsOnTheirOwnDay() {
        storeTheMonth();

        assertThat(sales(Granularity.DAY)).hasSize(31); // empty days too
        assertThat(day(1).ordersPlaced()).isZero();
        var march2 = day(2);
        assertThat(march2.ordersPlaced()).isEqualTo(1);
        assertThat(march2.ordersConfirmed()).isEqualTo(1);
        assertThat(march2.grossSales()).isEqualByComparingTo("69.90");
        assertThat(march2.units()).isEqualTo(2);
        var march3 = day(3);
        assertThat(march3.ordersPlaced()).isEqualTo(3);
        assertThat(march3.ordersConfirmed()).isEqualTo(1);
        assertThat(march3.grossSales()).isEqualByComparingTo("79.90");
        assertThat(march3.discounts()).isEqualByComparingTo("10.00");
        assertThat(march3.averageOrderValue()).isEqualByComparingTo("79.90");
        var march5 = day(5);
        assertThat(march5.refunds()).isEqualByComparingTo("20.00");
        assertThat(march5.revenue()).isEqualByComparingTo("-20.00");
        assertThat(march5.averageOrderValue()).isNull();

        var weeks = sales(Granularity.WEEK);
        assertThat(weeks.get(0).period()).isEqualTo(LocalDate.of(2026, 2, 23)); // the ISO week 1 March is in
        var week2 = weeks.get(1);
        assertThat(week2.period()).isEqualTo(LocalDate.of(2026, 3, 2));
        assertThat(week2.ordersConfirmed()).isEqualTo(2);
        assertThat(week2.revenue()).isEqualByComparingTo("129.80"); // 69.90 + 79.90 − 20.00
        assertThat(week2.averageOrderValue()).isEqualByComparingTo("74.90");
        var month = sales(Granularity.MONTH);
        assertThat(month).hasSize(1);
        assertThat(month.get(0).units()).isEqualTo(3);
        assertThat(month.get(0).tax()).isEqualByComparingTo("10.00");
        assertThat(month.get(0).shipping()).isEqualByComparingTo("9.80");
    }

    @Test
    void countsStatusesReasonsProductsPaymentsAndPromoCodes() {
        storeTheMonth();

        var orders = reports.handle(new OrdersReportQuery(MARCH));
        assertThat(orders.placed()).isEqualTo(4);
        assertThat(orders.byStatus()).containsEntry("CONFIRMED", 2L).containsEntry("CANCELLED", 2L);
        assertThat(orders.cancellationsByReason()).containsEntry("PAYMENT_DECLINED", 1L)
                .containsEntry("OUT_OF_STOCK", 1L);

        try (var top = reports.handle(new TopProductsQuery(MARCH, TopProductsQuery.Ranking.REVENUE, 5))) {
            var products = top.toList();
            assertThat(products).hasSize(1);
            var wave = products.get(0);
            assertThat(wave.title()).isEqualTo("Great Wave");
            assertThat(wave.units()).isEqualTo(3);
            assertThat(wave.revenue()).isEqualByComparingTo("140.00"); // lines: 60.00 + 80.00, before discount
            assertThat(wave.variants()).extracting(v -> v.sku() + " " + v.size() + " " + v.framed() + " " + v.paper()
                    + " " + v.units()).containsExactly("WAVE-A2 A2 true GLOSSY 1", "WAVE-A3 A3 false MATTE 2");
        }

        var payments = reports.handle(new PaymentsReportQuery(MARCH));
        assertThat(payments.decided()).isEqualTo(3);
        assertThat(payments.declined()).isEqualTo(1);
        assertThat(payments.declineRate()).isEqualByComparingTo("0.3333");
        assertThat(payments.declinesByCode()).containsExactly(java.util.Map.entry("insufficient_funds", 1L));
        assertThat(payments.confirmationSecondsP50()).isEqualTo(7.0); // 4 s and 10 s
        assertThat(payments.confirmationSecondsP95()).isEqualTo(9.7);

        try (var promo = reports.handle(new PromoCodesReportQuery(MARCH))) {
            assertThat(promo.toList()).singleElement().satisfies(use -> {
                assertThat(use.code()).isEqualTo("SPRING");
                assertThat(use.orders()).isEqualTo(1);
                assertThat(use.discount()).isEqualByComparingTo("10.00");
            });
        }
    }

    @Test
    void judgesAbandonmentOnlyOnCartsOldEnough() {
        storeTheMonth();

        var funnel = reports.handle(new FunnelQuery(MARCH, 7));
        assertThat(funnel.cartsCreated()).isEqualTo(4);
        assertThat(funnel.cartsWithItems()).isEqualTo(3);
        assertThat(funnel.checkoutsStarted()).isEqualTo(1);
        assertThat(funnel.ordersConfirmed()).isEqualTo(1);
        assertThat(funnel.ordersCancelled()).isZero();
        assertThat(funnel.cartsExpired()).isEqualTo(1);
        // cart_2 (10 March) never checked out; cart_4 (18 March) is only two days old on 20 March
        assertThat(funnel.cartsAbandoned()).isEqualTo(1);
        assertThat(funnel.abandonmentRate()).isEqualByComparingTo("0.5000"); // of cart_1 and cart_2
        assertThat(reports.handle(new FunnelQuery(MARCH, 1)).abandonmentRate()).isEqualByComparingTo("0.6667");
    }

    @Test
    void everyEventTwiceOrAReplayAfterAResetGivesTheSameFigures() {
        storeTheMonth();
        var once = figures();

        history.forEach(event -> event.accept(projection)); // a batch delivered again
        assertThat(figures()).isEqualTo(once);

        projection.onReset();
        assertThat(sales(Granularity.MONTH).get(0).ordersPlaced()).isZero();
        history.forEach(event -> event.accept(projection)); // the replay
        assertThat(figures()).isEqualTo(once);
    }

    private List<Object> figures() {
        var all = new ArrayList<Object>(sales(Granularity.DAY));
        all.add(reports.handle(new OrdersReportQuery(MARCH)));
        all.add(reports.handle(new FunnelQuery(MARCH, 7)));
        all.add(reports.handle(new PaymentsReportQuery(MARCH)));
        try (var top = reports.handle(new TopProductsQuery(MARCH, TopProductsQuery.Ranking.UNITS, 10));
             var promo = reports.handle(new PromoCodesReportQuery(MARCH))) {
            all.addAll(top.toList());
            all.addAll(promo.toList());
        }
        return all;
    }
}
