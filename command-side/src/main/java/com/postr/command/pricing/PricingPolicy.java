package com.postr.command.pricing;

import com.postr.api.common.Money;
import com.postr.api.order.OrderLine;
import com.postr.api.order.PriceBreakdown;
import com.postr.api.order.ShippingAddress;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The shop's pricing rules, in one currency:
 * <ul>
 *   <li>subtotal = Σ unit price × quantity;</li>
 *   <li>the discount never exceeds the subtotal;</li>
 *   <li>tax = (subtotal - discount) × the destination's rate, rounded half-even to the minor unit (a rate for
 *       country-region, e.g. {@code US-CA}, wins over the country's; none configured means no tax);</li>
 *   <li>shipping = the destination country's flat rate, free when subtotal - discount reaches the threshold;</li>
 *   <li>total = subtotal - discount + tax + shipping, so the breakdown always adds up.</li>
 * </ul>
 * Tax is the only rounding step; every other amount is exact.
 */
public final class PricingPolicy {

    private final String currency;
    private final Map<String, Money> shippingRates;
    private final Money freeShippingThreshold;
    private final Map<String, BigDecimal> taxRates;

    public PricingPolicy(String currency, Map<String, BigDecimal> shippingRates, BigDecimal freeShippingThreshold,
                         Map<String, BigDecimal> taxRates) {
        this.currency = currency;
        this.shippingRates = upperCaseKeys(shippingRates).entrySet().stream().collect(Collectors.toUnmodifiableMap(
                Map.Entry::getKey, e -> new Money(e.getValue(), currency)));
        this.freeShippingThreshold = freeShippingThreshold == null ? null : new Money(freeShippingThreshold, currency);
        this.taxRates = upperCaseKeys(taxRates);
    }

    public String currency() {
        return currency;
    }

    public boolean shipsTo(ShippingAddress destination) {
        return destination != null && destination.country() != null
                && shippingRates.containsKey(destination.country().toUpperCase(Locale.ROOT));
    }

    public PriceBreakdown price(List<OrderLine> lines, Money discount, ShippingAddress destination) {
        if (!shipsTo(destination)) {
            throw new IllegalArgumentException("No shipping rate for " + destination);
        }
        var subtotal = lines.stream().map(OrderLine::lineTotal).reduce(Money.zero(currency), Money::plus);
        var appliedDiscount = discount == null ? Money.zero(currency) : discount.min(subtotal);
        var discounted = subtotal.minus(appliedDiscount);
        var tax = discounted.timesRate(taxRate(destination));
        var shipping = freeShippingThreshold != null && discounted.compareTo(freeShippingThreshold) >= 0
                ? Money.zero(currency)
                : shippingRates.get(destination.country().toUpperCase(Locale.ROOT));
        return new PriceBreakdown(subtotal, appliedDiscount, tax, shipping, discounted.plus(tax).plus(shipping));
    }

    private BigDecimal taxRate(ShippingAddress destination) {
        var country = destination.country().toUpperCase(Locale.ROOT);
        var region = destination.state() == null ? null : country + "-" + destination.state().toUpperCase(Locale.ROOT);
        return Optional.ofNullable(region == null ? null : taxRates.get(region))
                .or(() -> Optional.ofNullable(taxRates.get(country)))
                .orElse(BigDecimal.ZERO);
    }

    private static <V> Map<String, V> upperCaseKeys(Map<String, V> map) {
        return map == null ? Map.of() : map.entrySet().stream().collect(Collectors.toUnmodifiableMap(
                e -> e.getKey().toUpperCase(Locale.ROOT), Map.Entry::getValue));
    }
}
