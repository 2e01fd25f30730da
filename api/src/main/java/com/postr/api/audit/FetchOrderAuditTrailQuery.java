package com.postr.api.audit;

/** Every stored event that concerns the order: its own, its payment's, the stock and cart events naming it. */
public record FetchOrderAuditTrailQuery(String orderId) {
}
