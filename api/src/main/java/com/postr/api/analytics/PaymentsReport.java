package com.postr.api.analytics;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Authorizations decided in the range, and how long confirmation took for the orders confirmed in it.
 *
 * @param declineRate              declined over decided; null when none was decided
 * @param declinesByCode           the provider's decline codes
 * @param confirmationSecondsP50   placement to confirmation, median; null without confirmed orders
 */
public record PaymentsReport(long decided, long authorized, long declined, BigDecimal declineRate,
                             Map<String, Long> declinesByCode, Double confirmationSecondsP50,
                             Double confirmationSecondsP95) {
}
