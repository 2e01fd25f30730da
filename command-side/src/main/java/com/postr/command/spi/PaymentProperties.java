package com.postr.command.spi;

import com.postr.command.spi.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param stripe    the real provider, used when its secret key is set
 * @param simulated the stand-in for Stripe's test cards, used otherwise
 */
@ConfigurationProperties("postr.payments")
public record PaymentProperties(@DefaultValue Stripe stripe, @DefaultValue Simulated simulated) {

    /**
     * @param secretKey               {@code STRIPE_SECRET_KEY}; blank: the simulated gateway
     * @param apiBase                 another API base (a local stub in tests); blank: Stripe's own
     * @param timeout                 connect and read time-out of each call
     * @param networkRetries          the client's own retries, under the same idempotency key
     * @param webhookSecret           {@code STRIPE_WEBHOOK_SECRET}; blank: the webhook answers 503
     * @param webhookToleranceSeconds older signatures are refused as replays
     */
    public record Stripe(@DefaultValue("") String secretKey, @DefaultValue("") String apiBase,
                         @DefaultValue("10s") Duration timeout, @DefaultValue("2") int networkRetries,
                         @DefaultValue("") String webhookSecret, @DefaultValue("300") long webhookToleranceSeconds) {
        public Stripe {
            Settings.positive("postr.payments.stripe.timeout", timeout);
            if (networkRetries < 0) {
                throw new IllegalArgumentException("postr.payments.stripe.network-retries must be 0 or more");
            }
            if (webhookToleranceSeconds <= 0) {
                throw new IllegalArgumentException("postr.payments.stripe.webhook-tolerance-seconds must be positive");
            }
        }

        public boolean configured() {
            return !secretKey.isBlank();
        }
    }

    /** @param slowDelay how long {@code pm_card_slow} takes to answer */
    public record Simulated(@DefaultValue("20s") Duration slowDelay) {
        public Simulated {
            Settings.positive("postr.payments.simulated.slow-delay", slowDelay);
        }
    }
}
