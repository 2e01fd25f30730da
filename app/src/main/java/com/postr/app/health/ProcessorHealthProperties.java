package com.postr.app.health;

import com.postr.command.spi.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param stallAfter a segment behind the head that has not moved this long makes the node not ready
 * @param maxLag     a processor whose oldest unhandled event is older than this makes the node not ready
 */
@ConfigurationProperties("postr.processors")
public record ProcessorHealthProperties(@DefaultValue("60s") Duration stallAfter,
                                        @DefaultValue("5m") Duration maxLag) {
    public ProcessorHealthProperties {
        Settings.positive("postr.processors.stall-after", stallAfter);
        Settings.positive("postr.processors.max-lag", maxLag);
    }
}
