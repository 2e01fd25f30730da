package com.postr.app.operations;

import com.postr.api.checkout.CountActiveCheckoutsQuery;
import com.postr.app.web.gateway.Queries;
import com.postr.command.spi.Settings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * {@code postr_sagas_stale}: how many checkouts started longer ago than {@code postr.sagas.stale-after} are still
 * running. A checkout lives from placement to delivery, so the threshold is a shop's longest normal fulfilment;
 * beyond it, one is stuck or forgotten and worth an alert.
 */
@Component
class StaleSagas {

    /** @param staleAfter a checkout still running after this long is counted as stale */
    @ConfigurationProperties("postr.sagas")
    record Properties(@DefaultValue("14d") Duration staleAfter) {
        Properties {
            Settings.positive("postr.sagas.stale-after", staleAfter);
        }
    }

    StaleSagas(MeterRegistry registry, Queries queries, Clock clock, Properties properties) {
        Gauge.builder("postr.sagas.stale", () -> count(queries, clock, properties))
                .description("Checkouts still running longer after placement than postr.sagas.stale-after")
                .register(registry);
    }

    /** Nothing to count on a node without the sagas duty (no handler answers): NaN, not a failed scrape. */
    private static double count(Queries queries, Clock clock, Properties properties) {
        try {
            return queries.ask(new CountActiveCheckoutsQuery(clock.instant().minus(properties.staleAfter())),
                    Long.class);
        } catch (RuntimeException unanswered) {
            return Double.NaN;
        }
    }
}
