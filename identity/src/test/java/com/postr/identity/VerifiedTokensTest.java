package com.postr.identity;

import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VerifiedTokensTest {

    private static final Instant ISSUED = Instant.parse("2026-12-02T10:00:00Z");

    private final AtomicInteger verifications = new AtomicInteger();
    private final JwtDecoder verifier = token -> {
        verifications.incrementAndGet();
        return Jwt.withTokenValue(token).header("alg", "RS256").subject("user-" + token)
                .issuedAt(ISSUED).expiresAt(ISSUED.plus(Duration.ofHours(1))).build();
    };
    private final MutableClock clock = new MutableClock(ISSUED);
    private final VerifiedTokens tokens = new VerifiedTokens(verifier, validator(clock), 100, Duration.ofMinutes(5));

    @Test
    void a_token_seen_before_is_not_verified_again() {
        assertThat(tokens.decode("a").getSubject()).isEqualTo("user-a");
        assertThat(tokens.decode("a").getSubject()).isEqualTo("user-a");

        assertThat(verifications).hasValue(1);
    }

    @Test
    void each_distinct_token_is_verified_on_its_own() {
        tokens.decode("a");
        tokens.decode("a.tampered");

        assertThat(verifications).hasValue(2);
    }

    @Test
    void a_remembered_token_is_refused_once_it_has_expired() {
        tokens.decode("a");
        clock.now = ISSUED.plus(Duration.ofHours(1)).plusSeconds(61); // past expiry and the 60 s skew

        assertThatThrownBy(() -> tokens.decode("a")).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }

    @Test
    void a_refusal_by_the_verifier_is_not_remembered() {
        JwtDecoder refusing = token -> {
            verifications.incrementAndGet();
            throw new org.springframework.security.oauth2.jwt.BadJwtException("bad signature");
        };
        var strict = new VerifiedTokens(refusing, validator(clock), 100, Duration.ofMinutes(5));

        assertThatThrownBy(() -> strict.decode("a")).hasMessageContaining("bad signature");
        assertThatThrownBy(() -> strict.decode("a")).hasMessageContaining("bad signature");
        assertThat(verifications).hasValue(2);
    }

    private static JwtTimestampValidator validator(Clock clock) {
        var validator = new JwtTimestampValidator(Duration.ofSeconds(60));
        validator.setClock(clock);
        return validator;
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
