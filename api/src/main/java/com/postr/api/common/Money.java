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

    /** The amount in minor units (cents), as payment providers expect it. */
    public long minorUnits() {
        return amount.movePointRight(amount.scale()).longValueExact();
    }
}
