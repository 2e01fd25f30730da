package com.postr.app.config;

import com.postr.app.health.ProcessorHealthProperties;
import com.postr.app.web.HttpProperties;
import com.postr.command.pricing.PricingProperties;
import com.postr.identity.IdentityProperties;
import com.postr.app.notification.NotificationProperties;
import com.postr.app.order.CheckoutWaitProperties;
import com.postr.command.spi.InventoryProperties;
import com.postr.command.spi.PaymentProperties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Settings are bound as Boot binds them at start-up: defaults when unset, and a bad value refused with a message
 * that names the property, which is what stops the app before it serves anything.
 */
class SettingsTest {

    private static <T> T bind(String prefix, Class<T> type, Map<String, String> values) {
        return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate(prefix, type);
    }

    private static void refused(String prefix, Class<?> type, String property, String value) {
        assertThatThrownBy(() -> bind(prefix, type, Map.of(property, value)))
                .isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining(property);
    }

    @Test
    void unsetSettingsTakeTheDocumentedDefaults() {
        var inventory = bind("postr.inventory", InventoryProperties.class, Map.of());
        assertThat(inventory.reservationTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(inventory.snapshotThreshold()).isEqualTo(100);
        var payments = bind("postr.payments", PaymentProperties.class, Map.of());
        assertThat(payments.stripe().configured()).isFalse();
        assertThat(payments.stripe().timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(payments.simulated().slowDelay()).isEqualTo(Duration.ofSeconds(20));
        assertThat(bind("postr.mail", NotificationProperties.class, Map.of()).from()).isEqualTo("orders@postr.example");
        assertThat(bind("postr.processors", ProcessorHealthProperties.class, Map.of()).stallAfter())
                .isEqualTo(Duration.ofSeconds(60));
        var checkout = bind("postr.checkout", CheckoutWaitProperties.class, Map.of());
        assertThat(checkout.awaitOutcome()).isEqualTo(Duration.ofSeconds(2));
        assertThat(checkout.pollAfter()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void aBadSettingIsRefusedNamingTheProperty() {
        refused("postr.inventory", InventoryProperties.class, "postr.inventory.reservation-ttl", "-5m");
        refused("postr.inventory", InventoryProperties.class, "postr.inventory.snapshot-threshold", "0");
        refused("postr.payments", PaymentProperties.class, "postr.payments.stripe.timeout", "0s");
        refused("postr.payments", PaymentProperties.class, "postr.payments.stripe.network-retries", "-1");
        refused("postr.mail", NotificationProperties.class, "postr.mail.from", "not an address");
        refused("postr.processors", ProcessorHealthProperties.class, "postr.processors.stall-after", "-1s");
        refused("postr.checkout", CheckoutWaitProperties.class, "postr.checkout.await-outcome", "-2s");
        refused("postr.checkout", CheckoutWaitProperties.class, "postr.checkout.poll-after", "1500ms");
        refused("postr.embedded-postgres", EmbeddedPostgresProperties.class, "postr.embedded-postgres.port", "70000");
        refused("postr.embedded-postgres", EmbeddedPostgresProperties.class, "postr.embedded-postgres.database",
                "shop; drop table x");
        refused("postr.http", HttpProperties.class, "postr.http.max-request-body", "0KB");
        refused("postr.security", IdentityProperties.class, "postr.security.bcrypt-strength", "40");
        refused("postr.security", IdentityProperties.class, "postr.security.access-token-ttl", "60d");
        refused("postr.pricing", PricingProperties.class, "postr.pricing.currency", "euro");
    }

    @Test
    void aMalformedValueIsRefusedToo() {
        assertThatThrownBy(() -> bind("postr.inventory", InventoryProperties.class,
                Map.of("postr.inventory.reservation-ttl", "soon")))
                .isInstanceOf(BindException.class).hasMessageContaining("postr.inventory.reservation-ttl");
    }
}
