package com.postr.app.health;

import com.postr.command.spi.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param stallAfter a segment behind the head that has not moved this long makes the node not ready */
@ConfigurationProperties("postr.processors")
public record ProcessorHealthProperties(@DefaultValue("60s") Duration stallAfter) {
    public ProcessorHealthProperties {
        Settings.positive("postr.processors.stall-after", stallAfter);
    }
}
