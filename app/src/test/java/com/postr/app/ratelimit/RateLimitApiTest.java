package com.postr.app.ratelimit;

import com.postr.identity.ratelimit.RateLimiter;
import com.postr.identity.ratelimit.RateLimitProperties;

import com.postr.identity.Accounts;
import com.postr.identity.Role;
import com.postr.identity.Tokens;
import com.postr.app.support.HttpClient;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Limits switched on with tiny tiers (the suite's other classes run with them off). Accounts are made through the
 * beans, not the API, so that setting up spends nobody's anonymous budget.
 */
@PostrIntegrationTest
@TestPropertySource(properties = {
        "postr.rate-limit.enabled=true",
        "postr.rate-limit.anonymous.per-hour=5", "postr.rate-limit.anonymous.per-minute=3",
        "postr.rate-limit.authenticated.per-hour=8", "postr.rate-limit.authenticated.per-minute=4",
        "postr.rate-limit.premium.per-hour=100", "postr.rate-limit.premium.per-minute=50",
        "postr.rate-limit.partner.per-hour=500", "postr.rate-limit.partner.per-minute=200"})
class RateLimitApiTest {

    @LocalServerPort
    int port;

    @Autowired
    Accounts accounts;

    @Autowired
    Tokens tokens;

    @Autowired
    JdbcTemplate jdbc;

    private HttpClient signedIn(String plan, Role role) {
        var account = accounts.register(Users.uniqueEmail("limited"), Users.PASSWORD, null);
        account = accounts.update(account.userId(), null, EnumSet.of(role), plan, null);
        return new HttpClient(port).withToken(tokens.issue(account).accessToken());
    }

    @Test
    void guestsAreLimitedByAddressWithHeadersCountingDownThenA429() {
        var guest = new HttpClient(port);
        var before = Instant.now().getEpochSecond();
        for (int remaining = 2; remaining >= 0; remaining--) {
            var ok = guest.get("/api/v1/products");
            assertThat(ok.status()).isEqualTo(200);
            assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("5");
            assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(remaining));
            assertThat(Long.parseLong(ok.header("X-RateLimit-Reset"))).isGreaterThan(before);
        }
        var refused = guest.get("/api/v1/products");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.errorCode()).isEqualTo("RATE_LIMIT_EXCEEDED");
        assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
        long retryAfter = Long.parseLong(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1L, 20L); // 3 a minute: a token every 20 s
        var details = refused.json().at("/error/details");
        assertThat(details.get("limit").asInt()).isEqualTo(5);
        assertThat(details.get("remaining").asInt()).isZero();
        assertThat(Instant.parse(details.get("reset_at").asText())).isAfter(Instant.ofEpochSecond(before));
        assertThat(refused.json().at("/error/message").asText()).contains("Try again in " + retryAfter);
        assertThat(refused.json().at("/error/request_id").asText()).startsWith("req_");
    }

    @Test
    void eachUserHasTheirOwnBucketAtTheirTier() {
        var first = signedIn("standard", Role.CUSTOMER);
        for (int i = 0; i < 4; i++) {
            assertThat(first.get("/api/v1/users/me").status()).isEqualTo(200);
        }
        var refused = first.get("/api/v1/users/me");
        assertThat(refused.status()).isEqualTo(429);
        assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("8");

        var second = signedIn("standard", Role.CUSTOMER);
        assertThat(second.get("/api/v1/users/me").status()).isEqualTo(200);
        assertThat(signedIn("premium", Role.CUSTOMER).get("/api/v1/users/me").header("X-RateLimit-Limit"))
                .isEqualTo("100");
        assertThat(signedIn("standard", Role.PARTNER).get("/api/v1/users/me").header("X-RateLimit-Limit"))
                .isEqualTo("500");
    }

    @Test
    void operationsEndpointsAndStripeWebhooksAreNotLimited() {
        var guest = new HttpClient(port);
        for (int i = 0; i < 8; i++) {
            var health = guest.get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.header("X-RateLimit-Limit")).isNull();
            assertThat(guest.post("/api/v1/payments/stripe/webhook", "{}").status()).isNotEqualTo(429);
        }
    }

    @Test
    void bucketsRefillOverTimeAndAreSharedByEveryNode() {
        var tier = new RateLimitProperties.Tier(60, 2);
        var t0 = Instant.parse("2030-01-01T00:00:00Z");
        var nodeA = new RateLimiter(jdbc, Clock.systemUTC());
        var nodeB = new RateLimiter(jdbc, Clock.systemUTC()); // another instance on the same database
        var key = "test:" + java.util.UUID.randomUUID();

        assertThat(nodeA.take(key, tier, t0).remaining()).isEqualTo(1);
        assertThat(nodeB.take(key, tier, t0).allowed()).isTrue();
        var refused = nodeA.take(key, tier, t0.plusSeconds(1));
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofSeconds(29)); // 2 a minute: one every 30 s

        assertThat(nodeB.take(key, tier, t0.plusSeconds(30)).allowed()).isTrue();
        assertThat(nodeB.take(key, tier, t0.plusSeconds(31)).allowed()).isFalse();
        // after a quiet spell the bucket is full again, and never fuller
        var later = nodeA.take(key, tier, t0.plusSeconds(3600));
        assertThat(later.allowed()).isTrue();
        assertThat(later.remaining()).isEqualTo(1);
        // full again when the slower bucket has its token back: 60 an hour is one a minute
        assertThat(later.resetAt()).isEqualTo(t0.plusSeconds(3600 + 60));
    }

    @Test
    void concurrentRequestsNeverOverdrawABucket() throws Exception {
        var tier = new RateLimitProperties.Tier(1000, 10);
        var key = "test:" + java.util.UUID.randomUUID();
        var limiter = new RateLimiter(jdbc, Clock.systemUTC());
        var now = Instant.parse("2030-01-01T00:00:00Z");
        var allowed = new java.util.concurrent.atomic.AtomicInteger();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            var futures = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int i = 0; i < 40; i++) {
                futures.add(pool.submit(() -> {
                    if (limiter.take(key, tier, now).allowed()) {
                        allowed.incrementAndGet();
                    }
                }));
            }
            for (var future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(allowed.get()).isEqualTo(10);
    }
}
