package com.postr.app.idempotency;

import com.postr.command.spi.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;
import java.util.List;

/**
 * @param ttl            how long a key is remembered (and its response replayed)
 * @param requiredPaths  POST paths (Ant patterns) that must carry a key
 * @param waitForFirst   how long a duplicate that arrives while the first request still runs waits for its answer
 */
@ConfigurationProperties("postr.idempotency")
record IdempotencyProperties(@DefaultValue("24h") Duration ttl,
                             @DefaultValue List<String> requiredPaths,
                             @DefaultValue("10s") Duration waitForFirst) {
    IdempotencyProperties {
        Settings.positive("postr.idempotency.ttl", ttl);
        if (waitForFirst == null || waitForFirst.isNegative()) {
            throw new IllegalArgumentException("postr.idempotency.wait-for-first must be zero or more");
        }
    }
}
