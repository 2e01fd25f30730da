package com.postr.command.order;

import com.postr.api.catalog.Sku;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.Money;
import com.postr.api.order.CancelOrderAsCustomerCommand;
import com.postr.api.order.CancelOrderCommand;
import com.postr.api.order.OrderId;
import com.postr.api.order.CancellationReason;
import com.postr.api.order.ConfirmOrderCommand;
import com.postr.api.order.DeliverOrderCommand;
import com.postr.api.order.OrderCancelledEvent;
import com.postr.api.order.OrderConfirmedEvent;
import com.postr.api.order.OrderDeliveredEvent;
import com.postr.api.order.OrderLine;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.OrderProcessingStartedEvent;
import com.postr.api.order.OrderRefundedEvent;
import com.postr.api.order.OrderShippedEvent;
import com.postr.api.order.OrderStatus;
import com.postr.api.order.PlaceOrderCommand;
import com.postr.api.order.RecordOrderRefundCommand;
import com.postr.api.order.RefundStatus;
import com.postr.api.order.RequestedItem;
import com.postr.api.order.SalesChannel;
import com.postr.api.order.ShipOrderCommand;
import com.postr.api.order.StartOrderProcessingCommand;
import com.postr.command.pricing.PricingPolicy;
import com.postr.command.support.StateTransitions;
import com.postr.command.promo.PromoCodes;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import static com.postr.api.common.RejectionCode.INVALID_STATE_TRANSITION;
import static com.postr.api.common.RejectionCode.NOT_FOR_SALE;
import static com.postr.api.common.RejectionCode.NOT_FOUND;
import static com.postr.api.common.RejectionCode.NOT_PERMITTED;
import static com.postr.api.common.RejectionCode.PRICE_CHANGED;
import static com.postr.api.common.RejectionCode.UNSUPPORTED_DESTINATION;
import static com.postr.api.common.RejectionCode.VALIDATION_ERROR;
import static com.postr.api.order.OrderStatus.CANCELLED;
import static com.postr.api.order.OrderStatus.CONFIRMED;
import static com.postr.api.order.OrderStatus.DELIVERED;
import static com.postr.api.order.OrderStatus.PENDING;
import static com.postr.api.order.OrderStatus.PROCESSING;
import static com.postr.api.order.OrderStatus.SHIPPED;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * An order: its lines and prices are fixed when it is placed; afterwards only its state moves, along the
 * transitions of the design document (seed 003, section 5.2). Any other transition is refused with
 * {@code INVALID_STATE_TRANSITION}; repeating the transition into the current state changes nothing.
 */
@Aggregate
public class Order {

    static final int MAX_LINES = 50;
    static final int MAX_QUANTITY_PER_LINE = 99;

    /** Allowed transitions, exactly the table of the design document. */
    static final Map<OrderStatus, Set<OrderStatus>> TRANSITIONS = Map.of(
            PENDING, EnumSet.of(CONFIRMED, CANCELLED),
            CONFIRMED, EnumSet.of(PROCESSING, CANCELLED),
            PROCESSING, EnumSet.of(SHIPPED, CANCELLED),
            SHIPPED, EnumSet.of(DELIVERED, CANCELLED),
            DELIVERED, EnumSet.noneOf(OrderStatus.class),
            CANCELLED, EnumSet.noneOf(OrderStatus.class));

    /** How long after placement a customer may still cancel on their own; later, support does it. */
    static final Duration CUSTOMER_CANCEL_WINDOW = Duration.ofHours(24);

    @AggregateIdentifier
    private String id;
    private String customerId;
    private Instant placedAt;
    private OrderStatus status;
    private Money total;
    private Money refundDue;
    private Money refunded;

    protected Order() {
        // for Axon
    }

    /** For checkout, which places an order in the same unit of work that freezes its cart. */
    public static Order place(PlaceOrderCommand command, PriceLookup prices, PricingPolicy pricing,
                              PromoCodes promoCodes) {
        return new Order(command, prices, pricing, promoCodes);
    }

    @CommandHandler
    Order(PlaceOrderCommand command, PriceLookup prices, PricingPolicy pricing, PromoCodes promoCodes) {
        requireValidRequest(command);
        if (!pricing.shipsTo(command.shippingAddress())) {
            throw new CommandRejectedException(UNSUPPORTED_DESTINATION, "We do not ship to "
                    + command.shippingAddress().country(), Map.of("country", command.shippingAddress().country()));
        }
        var lines = new ArrayList<OrderLine>();
        var changedPrices = new ArrayList<Map<String, Object>>();
        for (var item : command.items()) {
            var priced = prices.find(item.sku()).filter(PriceLookup.PricedSku::forSale)
                    .filter(p -> p.price().currency().equals(pricing.currency()))
                    .orElseThrow(() -> new CommandRejectedException(NOT_FOR_SALE, "SKU " + item.sku()
                            + " is not for sale", Map.of("sku", item.sku().value())));
            if (item.seenUnitPrice() != null && item.seenUnitPrice().compareTo(priced.price().amount()) != 0) {
                changedPrices.add(Map.of("sku", item.sku().value(), "product_id", priced.productId().value(),
                        "price", item.seenUnitPrice(), "current_price", priced.price().amount(),
                        "currency", priced.price().currency()));
            }
            lines.add(new OrderLine(item.sku(), priced.productId(), priced.title(), item.quantity(), priced.price(),
                    priced.price().times(item.quantity())));
        }
        if (!changedPrices.isEmpty()) {
            var first = changedPrices.get(0);
            var details = new LinkedHashMap<String, Object>(first);
            details.put("items", changedPrices);
            throw new CommandRejectedException(PRICE_CHANGED, "The price of " + first.get("sku") + " is now "
                    + first.get("current_price") + " " + first.get("currency") + ", not " + first.get("price"),
                    details);
        }
        var subtotal = lines.stream().map(OrderLine::lineTotal).reduce(Money.zero(pricing.currency()), Money::plus);
        var promoCode = command.promoCode() == null || command.promoCode().isBlank() ? null : command.promoCode();
        // The code's use is claimed when this event is stored (Promotions), so a used-up code fails the placement.
        var discount = promoCode == null ? Money.zero(pricing.currency())
                : promoCodes.discountFor(promoCode, subtotal, command.placedAt());
        var breakdown = pricing.price(lines, discount, command.shippingAddress());
        apply(new OrderPlacedEvent(command.orderId(), command.customerId(), lines, breakdown, promoCode,
                command.shippingAddress(), command.paymentMethod(), command.contactEmail(),
                command.salesChannel() == null ? SalesChannel.WEB : command.salesChannel()));
    }

    @CommandHandler
    long handle(ConfirmOrderCommand command) {
        if (moveTo(CONFIRMED)) {
            apply(new OrderConfirmedEvent(command.orderId()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(StartOrderProcessingCommand command) {
        if (moveTo(PROCESSING)) {
            apply(new OrderProcessingStartedEvent(command.orderId()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(ShipOrderCommand command) {
        if (isBlank(command.carrier()) || isBlank(command.trackingNumber())) {
            throw new CommandRejectedException(VALIDATION_ERROR, "Shipping needs a carrier and a tracking number");
        }
        if (moveTo(SHIPPED)) {
            apply(new OrderShippedEvent(command.orderId(), command.carrier().strip(), command.trackingNumber().strip()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(DeliverOrderCommand command) {
        if (moveTo(DELIVERED)) {
            apply(new OrderDeliveredEvent(command.orderId()));
        }
        return getVersion();
    }

    /**
     * Before shipment a cancellation is a plain cancel; after it, the only way to CANCELLED is a return, so the
     * reason must say so. Once payment was authorized (CONFIRMED on), the total is owed back.
     */
    @CommandHandler
    long handle(CancelOrderCommand command) {
        if (command.reason() == null || isBlank(command.cancelledBy())) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A cancellation needs a reason and who cancels");
        }
        return cancel(command.reason(), command.note(), command.cancelledBy());
    }

    /**
     * A customer may cancel their own order online within {@link #CUSTOMER_CANCEL_WINDOW} of placement, and only
     * as their own request; after that, support does it (with CancelOrderCommand).
     */
    @CommandHandler
    long handle(CancelOrderAsCustomerCommand command) {
        if (customerId == null || !customerId.equals(command.customerId())) {
            // someone else's order is, to this customer, no order at all: the same answer as a missing id
            throw new CommandRejectedException(NOT_FOUND, "'" + id + "' not found", Map.of("id", id));
        }
        if (command.reason() != null && command.reason() != CancellationReason.CUSTOMER_REQUEST) {
            throw new CommandRejectedException(NOT_PERMITTED, "Customers cancel with reason CUSTOMER_REQUEST; "
                    + "other reasons are recorded by support", Map.of("reason", command.reason().name()));
        }
        var until = placedAt.plus(CUSTOMER_CANCEL_WINDOW);
        if (command.requestedAt() == null || command.requestedAt().isAfter(until)) {
            throw new CommandRejectedException(NOT_PERMITTED, "Orders can be cancelled online within 24 hours of "
                    + "placement; please contact support", Map.of("cancellable_until", until.toString()));
        }
        return cancel(CancellationReason.CUSTOMER_REQUEST, command.note(), command.customerId());
    }

    private long cancel(CancellationReason reason, String note, String cancelledBy) {
        if (status == SHIPPED && reason != CancellationReason.RETURNED) {
            throw transitionRefused(CANCELLED, "a shipped order can only be cancelled as RETURNED");
        }
        if (status != SHIPPED && reason == CancellationReason.RETURNED) {
            throw transitionRefused(CANCELLED, "only a shipped order can be returned");
        }
        if (moveTo(CANCELLED)) {
            var due = EnumSet.of(CONFIRMED, PROCESSING, SHIPPED).contains(status) ? total : Money.zero(total.currency());
            apply(new OrderCancelledEvent(new OrderId(id), status, reason, note, cancelledBy, due));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(RecordOrderRefundCommand command) {
        var outstanding = refundDue.minus(refunded);
        if (status != CANCELLED || outstanding.signum() <= 0) {
            throw new CommandRejectedException(INVALID_STATE_TRANSITION, "Order " + id + " has no refund outstanding",
                    Map.of("order_id", id, "status", status.name()));
        }
        if (command.amount() == null || command.amount().signum() <= 0
                || !command.amount().currency().equals(outstanding.currency())
                || command.amount().compareTo(outstanding) > 0) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A refund must be positive and at most the "
                    + outstanding.amount() + " " + outstanding.currency() + " outstanding",
                    Map.of("outstanding", outstanding.amount(), "currency", outstanding.currency()));
        }
        var soFar = refunded.plus(command.amount());
        var refundStatus = soFar.compareTo(refundDue) == 0 ? RefundStatus.REFUNDED : RefundStatus.PARTIALLY_REFUNDED;
        apply(new OrderRefundedEvent(command.orderId(), command.amount(), command.reference(), soFar, refundStatus));
        return getVersion();
    }

    @EventSourcingHandler
    void on(OrderPlacedEvent event, @Timestamp Instant at) {
        id = event.orderId().value();
        customerId = event.customerId();
        placedAt = at;
        status = PENDING;
        total = event.prices().total();
        refundDue = Money.zero(total.currency());
        refunded = Money.zero(total.currency());
    }

    @EventSourcingHandler
    void on(OrderConfirmedEvent event) {
        status = CONFIRMED;
    }

    @EventSourcingHandler
    void on(OrderProcessingStartedEvent event) {
        status = PROCESSING;
    }

    @EventSourcingHandler
    void on(OrderShippedEvent event) {
        status = SHIPPED;
    }

    @EventSourcingHandler
    void on(OrderDeliveredEvent event) {
        status = DELIVERED;
    }

    @EventSourcingHandler
    void on(OrderCancelledEvent event) {
        status = CANCELLED;
        refundDue = event.refundDue();
    }

    @EventSourcingHandler
    void on(OrderRefundedEvent event) {
        refunded = event.refundedSoFar();
    }

    /** True if the transition should happen; false if the order is already there; refused if not allowed. */
    private boolean moveTo(OrderStatus target) {
        if (status == target) {
            return false;
        }
        if (!TRANSITIONS.get(status).contains(target)) {
            throw transitionRefused(target, "not an allowed transition");
        }
        return true;
    }

    private CommandRejectedException transitionRefused(OrderStatus target, String why) {
        return StateTransitions.refused("Order", id, status, target, why);
    }

    private static void requireValidRequest(PlaceOrderCommand command) {
        if (command.items() == null || command.items().isEmpty() || command.items().size() > MAX_LINES) {
            throw new CommandRejectedException(VALIDATION_ERROR, "An order has 1 to " + MAX_LINES + " items");
        }
        Set<Sku> seen = new HashSet<>();
        for (RequestedItem item : command.items()) {
            if (item == null || item.sku() == null || item.quantity() < 1 || item.quantity() > MAX_QUANTITY_PER_LINE) {
                throw new CommandRejectedException(VALIDATION_ERROR,
                        "Each item needs a SKU and a quantity of 1 to " + MAX_QUANTITY_PER_LINE);
            }
            if (!seen.add(item.sku())) {
                throw new CommandRejectedException(VALIDATION_ERROR, "SKU " + item.sku()
                        + " appears twice; order it once with the total quantity", Map.of("sku", item.sku().value()));
            }
        }
        var address = command.shippingAddress();
        if (address == null || isBlank(address.name()) || isBlank(address.street()) || isBlank(address.city())
                || isBlank(address.zip()) || isBlank(address.country())) {
            throw new CommandRejectedException(VALIDATION_ERROR,
                    "A shipping address needs name, street, city, zip and country");
        }
        if (command.contactEmail() != null && !command.contactEmail().matches("[^@\\s]{1,64}@[^@\\s]{1,189}")) {
            throw new CommandRejectedException(VALIDATION_ERROR, "The contact email is not an address");
        }
        if (command.placedAt() == null) {
            throw new CommandRejectedException(VALIDATION_ERROR, "An order needs the time it is placed");
        }
        if (command.paymentMethod() == null || isBlank(command.paymentMethod().token())) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A payment method token is required");
        }
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
