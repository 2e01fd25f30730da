package com.postr.command.inventory;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A popular SKU accumulates thousands of reservation events; a snapshot every {@code snapshot-threshold}
 * events keeps loading it cheap.
 */
@Configuration(proxyBeanMethods = false)
class InventoryConfiguration {

    static final String SNAPSHOT_TRIGGER = "stockItemSnapshotTrigger";

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition stockItemSnapshotTrigger(Snapshotter snapshotter,
            @Value("${postr.inventory.snapshot-threshold:100}") int threshold) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, threshold);
    }
}
