package com.postr.app.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;

/**
 * The rule behind an order's {@code estimated_delivery}: the day of placement (UTC) plus the calendar days it
 * takes to reach the address's country, at midnight UTC (seed 003 shows 2024-01-15T10:30Z → 2024-01-20T00:00Z).
 *
 * @param defaultDays days for a country not listed
 * @param days        days per ISO country code
 */
@ConfigurationProperties("postr.orders.delivery")
public record DeliveryProperties(@DefaultValue("5") int defaultDays, Map<String, Integer> days) {

    public DeliveryProperties {
        days = days == null ? Map.of() : Map.copyOf(days);
        if (defaultDays < 0 || defaultDays > 365 || days.values().stream().anyMatch(d -> d == null || d < 0 || d > 365)) {
            throw new IllegalArgumentException("postr.orders.delivery days must be 0 to 365");
        }
    }

    Instant estimate(Instant placedAt, String country) {
        int transit = country == null ? defaultDays : days.getOrDefault(country.toUpperCase(Locale.ROOT), defaultDays);
        return placedAt.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS).toInstant()
                .plus(Duration.ofDays(transit));
    }
}
