package com.postr.command.pricing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.math.BigDecimal;
import java.util.Map;

/**
 * @param currency              the one currency orders are priced in; variants priced otherwise are not for sale
 * @param shipping              flat shipping rate per destination country (ISO code); no entry, no shipping there
 * @param freeShippingThreshold subtotal after discount from which shipping is free; unset means never free
 * @param tax                   tax rate per country ({@code DE}) or country-region ({@code US-CA}), e.g. 0.19
 */
@ConfigurationProperties("postr.pricing")
public record PricingProperties(@DefaultValue("EUR") String currency, Map<String, BigDecimal> shipping,
                                BigDecimal freeShippingThreshold, Map<String, BigDecimal> tax) {

    public PricingProperties {
        if (currency == null || !currency.matches("[A-Z]{3}")) {
            throw new IllegalArgumentException("postr.pricing.currency must be an ISO 4217 code such as EUR, not '"
                    + currency + "'");
        }
        if (negative(shipping) || negative(tax)) {
            throw new IllegalArgumentException("postr.pricing shipping and tax rates must not be negative");
        }
        if (freeShippingThreshold != null && freeShippingThreshold.signum() < 0) {
            throw new IllegalArgumentException("postr.pricing.free-shipping-threshold must not be negative");
        }
    }

    private static boolean negative(Map<String, BigDecimal> rates) {
        return rates != null && rates.values().stream().anyMatch(rate -> rate.signum() < 0);
    }

    public PricingPolicy policy() {
        return new PricingPolicy(currency, shipping, freeShippingThreshold, tax);
    }
}
