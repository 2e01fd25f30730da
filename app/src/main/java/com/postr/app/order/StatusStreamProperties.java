package com.postr.app.order;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param heartbeat how often an idle status stream sends a comment, so proxies keep it open and a client that
 *                  went away is noticed (its subscription released)
 * @param timeout   how long one stream lives; EventSource clients reconnect by themselves
 */
@ConfigurationProperties("postr.orders.status-stream")
public record StatusStreamProperties(@DefaultValue("15s") Duration heartbeat, @DefaultValue("30m") Duration timeout) {

    public StatusStreamProperties {
        if (heartbeat.isNegative() || heartbeat.isZero() || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("postr.orders.status-stream heartbeat and timeout must be positive");
        }
    }
}
