package com.postr.api.audit;

import java.util.List;

/** An order's events across every stream that names it, in global order (the order they were stored in). */
public record OrderAuditTrail(String orderId, List<AuditedEvent> events) {
}
