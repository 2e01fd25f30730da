package com.postr.api.common;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;

/**
 * An amount in one currency. Always a {@link BigDecimal} at the currency's own scale (2 for EUR, 0 for JPY), so
 * equal amounts are equal records and no floating point ever touches a price.
 */
public record Money(BigDecimal amount, String currency) {

    public Money {
        Objects.requireNonNull(amount, "amount");
        Objects.requireNonNull(currency, "currency");
        // Normalise so that 10, 10.0 and 10.00 EUR are one value; never rounds, so a wrong scale fails loudly.
        amount = amount.setScale(Currency.getInstance(currency).getDefaultFractionDigits(), RoundingMode.UNNECESSARY);
    }

    public static Money of(String amount, String currency) {
        return new Money(new BigDecimal(amount), currency);
    }

    /** True when {@code amount} has no more decimals than {@code currency} allows; false for unknown currencies. */
    public static boolean isRepresentable(BigDecimal amount, String currency) {
        try {
            var fractionDigits = Currency.getInstance(currency).getDefaultFractionDigits();
            return fractionDigits >= 0 && amount.stripTrailingZeros().scale() <= fractionDigits;
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    /** Named like {@link BigDecimal#signum()}, not {@code isPositive()}, so serializers see no extra property. */
    public int signum() {
        return amount.signum();
    }

    public static Money zero(String currency) {
        return new Money(BigDecimal.ZERO, currency);
    }

    public Money plus(Money other) {
        return new Money(amount.add(sameCurrency(other).amount), currency);
    }

    public Money minus(Money other) {
        return new Money(amount.subtract(sameCurrency(other).amount), currency);
    }

    public Money times(int quantity) {
        return new Money(amount.multiply(BigDecimal.valueOf(quantity)), currency);
    }

    /** {@code amount × rate}, rounded half-even to the currency's minor unit (the one rounding step we allow). */
    public Money timesRate(BigDecimal rate) {
        var scale = Currency.getInstance(currency).getDefaultFractionDigits();
        return new Money(amount.multiply(rate).setScale(scale, RoundingMode.HALF_EVEN), currency);
    }

    public Money min(Money other) {
        return amount.compareTo(sameCurrency(other).amount) <= 0 ? this : other;
    }

    public int compareTo(Money other) {
        return amount.compareTo(sameCurrency(other).amount);
    }

    private Money sameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException("Cannot combine " + currency + " and " + other.currency);
        }
        return other;
    }

    /** The amount in minor units (cents), as payment providers expect it. */
    public long minorUnits() {
        return amount.movePointRight(amount.scale()).longValueExact();
    }
}
