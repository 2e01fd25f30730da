package com.postr.saga.checkout;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Checkout's settings as Boot binds them, and the start-up refusal of a time-out reservations would outlive. */
class CheckoutConfigurationTest {

    private final CheckoutConfiguration configuration = new CheckoutConfiguration();

    private CheckoutPolicy policy(Map<String, String> values) {
        var binder = new Binder(new MapConfigurationPropertySource(values));
        return configuration.checkoutPolicy(
                binder.bindOrCreate("postr.checkout", CheckoutConfiguration.CheckoutProperties.class),
                binder.bindOrCreate("postr.inventory", CheckoutConfiguration.ReservationProperties.class));
    }

    @Test
    void defaultsToTenMinutesAndCaptureAtShipment() {
        var policy = policy(Map.of());
        assertThat(policy.paymentTimeout()).isEqualTo(Duration.ofMinutes(10));
        assertThat(policy.reservationTtl()).isEqualTo(Duration.ofMinutes(15));
        assertThat(policy.capture()).isEqualTo(CheckoutPolicy.Capture.ON_SHIPMENT);
    }

    @Test
    void readsTheCaptureModeAsWrittenInConfiguration() {
        assertThat(policy(Map.of("postr.checkout.capture", "on-confirmation")).capture())
                .isEqualTo(CheckoutPolicy.Capture.ON_CONFIRMATION);
    }

    @Test
    void refusesAPaymentTimeoutThatReservationsWouldOutlive() {
        assertThatThrownBy(() -> policy(Map.of("postr.checkout.payment-timeout", "20m")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("postr.checkout.payment-timeout").hasMessageContaining("reservation-ttl");
    }
}
