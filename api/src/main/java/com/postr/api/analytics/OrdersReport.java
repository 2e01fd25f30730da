package com.postr.api.analytics;

import java.util.Map;

/**
 * @param byStatus             orders placed in the range, by the status they have now
 * @param cancellationsByReason orders cancelled in the range, by reason
 */
public record OrdersReport(long placed, Map<String, Long> byStatus, long cancelled,
                           Map<String, Long> cancellationsByReason) {
}
