package com.postr.app.inventory;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/** @param reservationTtl how long a reservation holds stock when the caller does not say */
@ConfigurationProperties("postr.inventory")
public record InventoryProperties(@DefaultValue("15m") Duration reservationTtl) {
}
