package com.postr.command.support;

import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Rejection;
import com.postr.api.common.RejectionCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.springframework.stereotype.Component;

import java.util.Map;

/**
 * Turns domain refusals into {@link CommandExecutionException}s whose details are a {@link Rejection}: the only
 * exception shape Axon carries intact across Axon Server, so the HTTP edge handles one shape whatever the bus.
 */
@Component
public class RejectionTranslatingInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        try {
            return chain.proceed();
        } catch (CommandRejectedException e) {
            throw new CommandExecutionException(e.getMessage(), null, e.rejection());
        } catch (AggregateNotFoundException e) {
            var rejection = new Rejection(RejectionCode.NOT_FOUND, "No " + describe(unitOfWork) + " with id '"
                    + e.getAggregateIdentifier() + "'", Map.of("id", String.valueOf(e.getAggregateIdentifier())));
            throw new CommandExecutionException(rejection.message(), null, rejection);
        }
    }

    /** What the client calls the aggregate a command addresses, keyed by the command's api package. */
    private static final Map<String, String> RESOURCE_NAMES = Map.of("com.postr.api.catalog", "product",
            "com.postr.api.order", "order", "com.postr.api.inventory", "stock item", "com.postr.api.promo",
            "promo code", "com.postr.api.cart", "cart", "com.postr.api.payment", "payment");

    private static String describe(UnitOfWork<? extends CommandMessage<?>> unitOfWork) {
        var apiPackage = unitOfWork.getMessage().getPayloadType().getPackageName();
        return RESOURCE_NAMES.getOrDefault(apiPackage, apiPackage.substring(apiPackage.lastIndexOf('.') + 1));
    }
}
