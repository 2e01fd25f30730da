package com.postr.identity.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The seed's tiers (003, section 3.6). Each caller has two buckets: one refilling {@code perHour} tokens an hour,
 * one refilling {@code perMinute} a minute (the burst limit); a request takes a token from both.
 *
 * @param enabled off for load tests: every request passes and no headers are sent
 */
@ConfigurationProperties("postr.rate-limit")
public record RateLimitProperties(@DefaultValue("true") boolean enabled,
                                  Tier anonymous,
                                  Tier authenticated,
                                  Tier premium,
                                  Tier partner) {

    public RateLimitProperties {
        anonymous = anonymous == null ? new Tier(100, 10) : anonymous;
        authenticated = authenticated == null ? new Tier(1000, 50) : authenticated;
        premium = premium == null ? new Tier(10_000, 200) : premium;
        partner = partner == null ? new Tier(50_000, 1000) : partner;
    }

    public record Tier(int perHour, int perMinute) {

        public Tier {
            if (perHour < 1 || perMinute < 1) {
                throw new IllegalArgumentException("Rate limits must be at least 1 (or switch them off)");
            }
        }
    }
}
