package com.postr.command.pricing;

import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import com.postr.api.order.OrderLine;
import com.postr.api.order.PriceBreakdown;
import com.postr.api.order.ShippingAddress;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PricingPolicyTest {

    private static final PricingPolicy USD = new PricingPolicy("USD",
            Map.of("US", new BigDecimal("5.99"), "CA", new BigDecimal("12.00")), new BigDecimal("150.00"),
            Map.of("US-CA", new BigDecimal("0.088"), "US", new BigDecimal("0.05")));
    private static final ShippingAddress SAN_FRANCISCO =
            new ShippingAddress("John Doe", "123 Main St", "San Francisco", "CA", "94102", "US");

    private static OrderLine line(String sku, int quantity, String unit) {
        var price = Money.of(unit, "USD");
        return new OrderLine(new Sku(sku), new ProductId("prod_" + sku), sku, quantity, price, price.times(quantity));
    }

    private static Money usd(String amount) {
        return Money.of(amount, "USD");
    }

    @Test
    void reproducesTheWorkedExampleOfTheDesignDocument() {
        // seed 003, section 3.3.1: 2 × 29.99 + 1 × 49.99, 10.00 off, to San Francisco
        var prices = USD.price(List.of(line("HEADPHONES", 2, "29.99"), line("CASE", 1, "49.99")), usd("10.00"),
                SAN_FRANCISCO);

        assertThat(prices).isEqualTo(new PriceBreakdown(usd("109.97"), usd("10.00"), usd("8.80"), usd("5.99"),
                usd("114.76")));
    }

    @Test
    void roundsTaxHalfEvenToTheCent() {
        // 0.125 (exactly half a cent) rounds to the even 0.12; 0.135 rounds to 0.14
        var fivePercent = new PricingPolicy("USD", Map.of("US", BigDecimal.ZERO), null,
                Map.of("US", new BigDecimal("0.05")));
        var oregon = new ShippingAddress("A", "B", "C", "OR", "1", "US");
        assertThat(fivePercent.price(List.of(line("A", 1, "2.50")), null, oregon).tax()).isEqualTo(usd("0.12"));
        assertThat(fivePercent.price(List.of(line("A", 1, "2.70")), null, oregon).tax()).isEqualTo(usd("0.14"));
    }

    @Test
    void usesTheCountryRateWhenTheRegionHasNone() {
        var texas = new ShippingAddress("A", "B", "Austin", "TX", "1", "US");
        var prices = USD.price(List.of(line("A", 1, "100.00")), null, texas);
        assertThat(prices.tax()).isEqualTo(usd("5.00"));
        assertThat(prices.total()).isEqualTo(usd("110.99"));
    }

    @Test
    void shipsFreeFromTheThresholdAfterDiscount() {
        var atThreshold = USD.price(List.of(line("A", 1, "160.00")), usd("10.00"), SAN_FRANCISCO);
        assertThat(atThreshold.shipping()).isEqualTo(usd("0.00"));

        var belowAfterDiscount = USD.price(List.of(line("A", 1, "160.00")), usd("10.01"), SAN_FRANCISCO);
        assertThat(belowAfterDiscount.shipping()).isEqualTo(usd("5.99"));
    }

    @Test
    void neverDiscountsBelowZero() {
        var prices = USD.price(List.of(line("A", 1, "5.00")), usd("20.00"), SAN_FRANCISCO);
        assertThat(prices.discount()).isEqualTo(usd("5.00"));
        assertThat(prices.tax()).isEqualTo(usd("0.00"));
        assertThat(prices.total()).isEqualTo(usd("5.99"));
    }

    @Test
    void alwaysAddsUp() {
        var random = new java.util.Random(7);
        for (int i = 0; i < 500; i++) {
            var lines = new java.util.ArrayList<OrderLine>();
            for (int l = 0; l <= random.nextInt(5); l++) {
                lines.add(line("S" + l, 1 + random.nextInt(9), random.nextInt(20000) / 100 + "." + (10 + random.nextInt(90))));
            }
            var discount = usd(random.nextInt(5000) / 100 + ".00");
            var p = USD.price(lines, discount, random.nextBoolean() ? SAN_FRANCISCO
                    : new ShippingAddress("A", "B", "C", null, "1", "CA"));
            assertThat(p.subtotal().minus(p.discount()).plus(p.tax()).plus(p.shipping())).isEqualTo(p.total());
            assertThat(p.total().amount().scale()).isEqualTo(2);
            assertThat(p.total().signum()).isNotNegative();
        }
    }

    @Test
    void knowsWhereItShips() {
        assertThat(USD.shipsTo(SAN_FRANCISCO)).isTrue();
        assertThat(USD.shipsTo(new ShippingAddress("A", "B", "C", null, "1", "br"))).isFalse();
        assertThat(USD.shipsTo(new ShippingAddress("A", "B", "C", null, "1", "ca"))).isTrue();
    }
}
