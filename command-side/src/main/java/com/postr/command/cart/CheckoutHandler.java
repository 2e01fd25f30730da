package com.postr.command.cart;

import com.postr.api.cart.CheckoutCartCommand;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.RejectionCode;
import com.postr.api.order.PlaceOrderCommand;
import com.postr.command.order.Order;
import com.postr.command.order.PriceLookup;
import com.postr.command.pricing.PricingPolicy;
import com.postr.command.promo.PromoCodes;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.Configuration;
import org.springframework.stereotype.Component;

/**
 * Checkout touches two aggregates: it freezes the cart and creates the order in the same unit of work, so their
 * events are stored in one transaction. If the order cannot be placed (a SKU no longer for sale, a promo code
 * used up), nothing is stored and the cart stays open.
 */
@Component
class CheckoutHandler {

    private final Configuration axon;
    private final PriceLookup prices;
    private final PricingPolicy pricing;
    private final PromoCodes promoCodes;

    CheckoutHandler(Configuration axon, PriceLookup prices, PricingPolicy pricing, PromoCodes promoCodes) {
        this.axon = axon;
        this.prices = prices;
        this.pricing = pricing;
        this.promoCodes = promoCodes;
    }

    @CommandHandler
    String handle(CheckoutCartCommand command) throws Exception {
        if (command.shippingAddress() == null || command.paymentMethod() == null) {
            throw new CommandRejectedException(RejectionCode.VALIDATION_ERROR,
                    "Checkout needs a shipping address and a payment method");
        }
        // the version is checked by the cart once the buyer is known to own it: a stranger learns nothing from it
        var cart = axon.repository(Cart.class).load(command.cartId().value());
        var contents = cart.invoke(c -> c.checkOut(command.orderId(), command.customerId(), command.cartToken(),
                command.expectedVersion()));
        axon.repository(Order.class).newInstance(() -> Order.place(new PlaceOrderCommand(command.orderId(),
                contents.customerId(), contents.items(), command.shippingAddress(), command.paymentMethod(),
                contents.promoCode(), command.at(), command.contactEmail()), prices, pricing, promoCodes));
        return command.orderId().value();
    }
}
