package com.postr.command.inventory;

import com.postr.command.spi.InventoryProperties;

import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A popular SKU accumulates thousands of reservation events; a snapshot every {@code snapshot-threshold}
 * events keeps loading it cheap.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(InventoryProperties.class)
class InventoryConfiguration {

    static final String SNAPSHOT_TRIGGER = "stockItemSnapshotTrigger";

    @Bean(SNAPSHOT_TRIGGER)
    SnapshotTriggerDefinition stockItemSnapshotTrigger(Snapshotter snapshotter, InventoryProperties properties) {
        return new EventCountSnapshotTriggerDefinition(snapshotter, properties.snapshotThreshold());
    }
}
