package com.postr.command.spi;

import com.postr.command.spi.Settings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param reservationTtl    how long a reservation holds stock when the caller does not say
 * @param snapshotThreshold events between snapshots of a SKU's stock item
 */
@ConfigurationProperties("postr.inventory")
public record InventoryProperties(@DefaultValue("15m") Duration reservationTtl,
                                  @DefaultValue("100") int snapshotThreshold) {
    public InventoryProperties {
        Settings.positive("postr.inventory.reservation-ttl", reservationTtl);
        Settings.positive("postr.inventory.snapshot-threshold", snapshotThreshold);
    }
}
