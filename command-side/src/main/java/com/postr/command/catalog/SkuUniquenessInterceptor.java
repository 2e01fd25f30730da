package com.postr.command.catalog;

import com.postr.api.catalog.AddProductVariantCommand;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.RegisterProductCommand;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.stereotype.Component;

import java.util.Objects;

/** Refuses SKUs that another product already uses, before the command reaches the product aggregate. */
@Component
public class SkuUniquenessInterceptor implements MessageHandlerInterceptor<CommandMessage<?>> {

    private final SkuRegistry registry;

    SkuUniquenessInterceptor(SkuRegistry registry) {
        this.registry = registry;
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        var payload = unitOfWork.getMessage().getPayload();
        if (payload instanceof RegisterProductCommand register && register.variants() != null) {
            registry.requireUnused(register.variants().stream().filter(Objects::nonNull).map(ProductVariant::sku)
                    .filter(Objects::nonNull).toList());
        } else if (payload instanceof AddProductVariantCommand add && add.variant() != null
                && add.variant().sku() != null) {
            // Re-adding a SKU of the same product is the aggregate's call (it knows the product's own variants).
            registry.requireUnusedByOthers(add.productId(), add.variant().sku());
        }
        return chain.proceed();
    }
}
