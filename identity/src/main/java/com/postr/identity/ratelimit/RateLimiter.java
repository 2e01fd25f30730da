package com.postr.identity.ratelimit;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Takes tokens from a caller's buckets in PostgreSQL ({@code rate_limit_take}, one round trip under a row lock),
 * so the limit holds across every node.
 */
@Component
public class RateLimiter {

    private final JdbcTemplate jdbc;
    private final Clock clock;

    public RateLimiter(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /**
     * @param remaining requests the caller may still make right now (the smaller bucket)
     * @param resetAt   when both buckets will be full again
     * @param retryAfter when refused, how long until the emptier bucket holds a token again
     */
    public record Decision(boolean allowed, long limit, long remaining, Instant resetAt, Duration retryAfter) {
    }

    public Decision take(String key, RateLimitProperties.Tier tier) {
        return take(key, tier, clock.instant());
    }

    public Decision take(String key, RateLimitProperties.Tier tier, Instant now) {
        return jdbc.queryForObject("SELECT allowed, hour_left, minute_left FROM rate_limit_take(?, ?, ?, ?)",
                (rs, i) -> decide(rs.getBoolean(1), rs.getDouble(2), rs.getDouble(3), tier, now),
                key, tier.perHour(), tier.perMinute(), Timestamp.from(now));
    }

    private static Decision decide(boolean allowed, double hourLeft, double minuteLeft,
                                   RateLimitProperties.Tier tier, Instant now) {
        double hourRate = tier.perHour() / 3600.0;
        double minuteRate = tier.perMinute() / 60.0;
        double untilFull = Math.max((tier.perHour() - hourLeft) / hourRate,
                (tier.perMinute() - minuteLeft) / minuteRate);
        double untilToken = Math.max(Math.max(0, (1 - hourLeft) / hourRate),
                Math.max(0, (1 - minuteLeft) / minuteRate));
        return new Decision(allowed, tier.perHour(), (long) Math.floor(Math.min(hourLeft, minuteLeft)),
                now.plusSeconds((long) Math.ceil(untilFull)),
                Duration.ofSeconds(Math.max(1, (long) Math.ceil(untilToken))));
    }

    /** A bucket untouched for an hour is full again, the same as no row at all. */
    @Scheduled(fixedDelayString = "PT15M", initialDelayString = "PT1M")
    public void purgeFull() {
        jdbc.update("DELETE FROM rate_limit_bucket WHERE refilled_at < ?",
                Timestamp.from(clock.instant().minus(Duration.ofHours(1))));
    }
}
