package com.postr.query.analytics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.ZoneId;

/**
 * @param zone the business time zone: which day an order, a cart or a refund falls on. Applied when a report is
 *             asked for, so changing it needs no rebuild.
 */
@ConfigurationProperties("postr.analytics")
public record AnalyticsProperties(@DefaultValue("UTC") ZoneId zone) {
}
