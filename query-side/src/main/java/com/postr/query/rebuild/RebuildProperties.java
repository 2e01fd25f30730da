package com.postr.query.rebuild;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param chunkSize   events read at a time while rebuilding; each segment applies its share in one transaction
 * @param segments    writers side by side, each on its own share of the model's keys (orders, say)
 * @param gracePeriod how long the replaced version is kept (in schema {@code retired_<id>}) before it is dropped
 */
@ConfigurationProperties("postr.rebuilds")
public record RebuildProperties(@DefaultValue("5000") int chunkSize, @DefaultValue("2") int segments,
                                @DefaultValue("1h") Duration gracePeriod) {
    public RebuildProperties {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("postr.rebuilds.chunk-size must be at least 1");
        }
        if (segments < 1 || segments > 16) {
            throw new IllegalArgumentException("postr.rebuilds.segments must be 1 to 16");
        }
        if (gracePeriod == null || gracePeriod.isNegative()) {
            throw new IllegalArgumentException("postr.rebuilds.grace-period must be zero or more");
        }
    }
}
