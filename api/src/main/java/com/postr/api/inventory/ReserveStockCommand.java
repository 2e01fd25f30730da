package com.postr.api.inventory;

import com.postr.api.catalog.Sku;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.time.Instant;

/**
 * Holds {@code quantity} units for an order until {@code expiresAt}. Repeating it for the same order and
 * quantity changes nothing.
 */
public record ReserveStockCommand(@TargetAggregateIdentifier Sku sku, String orderId, int quantity,
                                  Instant expiresAt) {
}
