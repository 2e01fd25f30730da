package com.postr.query.order;

import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class OrderStatusUpdatesConfiguration {

    /**
     * Each node follows the stream for its own subscribers: a token in memory (a shared token would let only one
     * node hear each event) that starts at the head (nobody listens to the past).
     */
    @Autowired
    void everyNodeFollowsTheHead(EventProcessingConfigurer configurer) {
        configurer.registerTokenStore(OrderStatusUpdates.PROCESSING_GROUP, c -> new InMemoryTokenStore());
        configurer.registerTrackingEventProcessorConfiguration(OrderStatusUpdates.PROCESSING_GROUP,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
    }
}
