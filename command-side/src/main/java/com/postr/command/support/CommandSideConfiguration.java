package com.postr.command.support;

import com.postr.command.catalog.SkuRegistry;
import com.postr.command.catalog.SkuUniquenessInterceptor;
import com.postr.command.order.PriceList;
import com.postr.command.payment.PaymentGatewayWorker;
import com.postr.command.promo.Promotions;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.messaging.StreamableMessageSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Configuration;

/** Wiring that properties cannot express: handler interceptors and the SKU registry's error propagation. */
@Configuration(proxyBeanMethods = false)
public class CommandSideConfiguration {

    @Autowired
    void registerInterceptors(CommandBus commandBus, RejectionTranslatingInterceptor rejections,
                              SkuUniquenessInterceptor skuUniqueness) {
        // Registered first, so it wraps (and translates) every refusal raised further down the chain.
        commandBus.registerHandlerInterceptor(rejections);
        commandBus.registerHandlerInterceptor(skuUniqueness);
    }

    @Autowired
    void propagateSkuRegistryErrors(EventProcessingConfigurer configurer) {
        // A lost SKU race must fail the command that caused it, not be logged and forgotten. The processor is
        // subscribing (application.yml), so it runs inside the command's transaction.
        configurer.registerListenerInvocationErrorHandler(SkuRegistry.PROCESSING_GROUP,
                c -> PropagatingErrorHandler.instance());
        // Likewise a failed price-list write fails the product change, rather than leaving stale prices.
        configurer.registerListenerInvocationErrorHandler(PriceList.PROCESSING_GROUP,
                c -> PropagatingErrorHandler.instance());
        // Calls to the payment provider are never replayed: a fresh token starts at the head of the stream.
        configurer.registerTrackingEventProcessorConfiguration(PaymentGatewayWorker.PROCESSING_GROUP,
                c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andInitialTrackingToken(StreamableMessageSource::createHeadToken));
        // A used-up promo code fails the placement that found it so.
        configurer.registerListenerInvocationErrorHandler(Promotions.PROCESSING_GROUP,
                c -> PropagatingErrorHandler.instance());
    }
}
