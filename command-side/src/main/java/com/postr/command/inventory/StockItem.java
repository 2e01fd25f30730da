package com.postr.command.inventory;

import com.postr.api.catalog.Sku;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.inventory.AdjustStockCommand;
import com.postr.api.inventory.CommitStockCommand;
import com.postr.api.inventory.ReceiveStockCommand;
import com.postr.api.inventory.ReleaseStockCommand;
import com.postr.api.inventory.ReservationExpiredEvent;
import com.postr.api.inventory.ReserveStockCommand;
import com.postr.api.inventory.StockAdjustedEvent;
import com.postr.api.inventory.StockCommittedEvent;
import com.postr.api.inventory.StockReceivedEvent;
import com.postr.api.inventory.StockReleasedEvent;
import com.postr.api.inventory.StockReservedEvent;
import com.postr.command.catalog.KnownSkus;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;

import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static com.postr.api.common.RejectionCode.INSUFFICIENT_INVENTORY;
import static com.postr.api.common.RejectionCode.NOT_FOUND;
import static com.postr.api.common.RejectionCode.RESERVATION_CONFLICT;
import static com.postr.api.common.RejectionCode.RESERVATION_NOT_ACTIVE;
import static com.postr.api.common.RejectionCode.STOCK_BELOW_RESERVED;
import static com.postr.api.common.RejectionCode.VALIDATION_ERROR;
import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.axonframework.modelling.command.AggregateLifecycle.getVersion;

/**
 * The stock of one SKU. Its invariant: {@code available = onHand - reserved} is never negative. One aggregate
 * per SKU makes every reservation of a SKU a write to one event stream, so the event store's unique
 * (aggregate, sequence) key serialises them even across application instances.
 */
@Aggregate(snapshotTriggerDefinition = InventoryConfiguration.SNAPSHOT_TRIGGER)
class StockItem {

    static final String RESERVATION_EXPIRY = "reservation-expiry";
    static final int MAX_QUANTITY = 1_000_000;

    /**
     * The SKU's value. Identifiers are plain strings because deadlines store them untyped: a record would come
     * back from the deadline store as a map that no longer addresses this aggregate.
     */
    @AggregateIdentifier
    private String id;
    private Sku sku;
    private int onHand;
    private final Map<String, Reservation> reservations = new HashMap<>();
    /** Orders whose units were committed, so a retried commit or reservation is recognised. */
    private final Set<String> committedOrders = new HashSet<>();

    protected StockItem() {
        // for Axon
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(ReceiveStockCommand command, KnownSkus catalog) {
        requireStocked(command.sku(), catalog);
        requireQuantity(command.quantity());
        if ((long) onHand + command.quantity() > MAX_QUANTITY) {
            throw new CommandRejectedException(VALIDATION_ERROR, "On-hand stock cannot exceed " + MAX_QUANTITY);
        }
        apply(new StockReceivedEvent(command.sku(), command.quantity(), command.reference(),
                onHand + command.quantity()));
        return getVersion();
    }

    @CommandHandler
    long handle(AdjustStockCommand command) {
        if (command.quantityChange() == 0 || Math.abs((long) command.quantityChange()) > MAX_QUANTITY) {
            throw new CommandRejectedException(VALIDATION_ERROR,
                    "An adjustment changes on-hand by 1 to " + MAX_QUANTITY + " units, up or down");
        }
        if (command.reason() == null) {
            throw new CommandRejectedException(VALIDATION_ERROR, "An adjustment needs a reason");
        }
        long newOnHand = (long) onHand + command.quantityChange();
        if (newOnHand < reserved()) {
            throw new CommandRejectedException(STOCK_BELOW_RESERVED, "SKU " + sku + " has " + reserved()
                    + " units reserved; on-hand cannot fall to " + newOnHand + ". Release reservations first.",
                    Map.of("sku", sku.value(), "on_hand", onHand, "reserved", reserved(),
                            "quantity_change", command.quantityChange()));
        }
        if (newOnHand > MAX_QUANTITY) {
            throw new CommandRejectedException(VALIDATION_ERROR, "On-hand stock cannot exceed " + MAX_QUANTITY);
        }
        apply(new StockAdjustedEvent(sku, command.quantityChange(), command.reason(), command.note(),
                (int) newOnHand));
        return getVersion();
    }

    /**
     * A SKU that was never stocked has nothing available: the reservation is refused as out of stock, and since
     * nothing is applied, no stock item is created.
     */
    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    long handle(ReserveStockCommand command, KnownSkus catalog, DeadlineManager deadlines) {
        requireQuantity(command.quantity());
        if (command.orderId() == null || command.orderId().isBlank() || command.expiresAt() == null) {
            throw new CommandRejectedException(VALIDATION_ERROR, "A reservation needs an order id and an expiry");
        }
        if (sku == null && !catalog.isRegistered(command.sku())) {
            throw unknownSku(command.sku());
        }
        var existing = reservations.get(command.orderId());
        if (existing != null) {
            if (existing.quantity() == command.quantity()) {
                return getVersion(); // the same reservation again: nothing to do
            }
            throw new CommandRejectedException(RESERVATION_CONFLICT, "Order " + command.orderId()
                    + " already holds " + existing.quantity() + " units of " + command.sku(),
                    Map.of("sku", command.sku().value(), "order_id", command.orderId(),
                            "reserved", existing.quantity(), "requested", command.quantity()));
        }
        if (committedOrders.contains(command.orderId())) {
            return getVersion(); // already reserved and committed: a late retry
        }
        int available = sku == null ? 0 : available();
        if (command.quantity() > available) {
            throw new CommandRejectedException(INSUFFICIENT_INVENTORY, "SKU " + command.sku()
                    + " has " + available + " units available, " + command.quantity() + " requested",
                    Map.of("sku", command.sku().value(), "requested", command.quantity(), "available", available));
        }
        apply(new StockReservedEvent(command.sku(), command.orderId(), command.quantity(), command.expiresAt(),
                available - command.quantity()));
        deadlines.schedule(command.expiresAt(), RESERVATION_EXPIRY,
                new ReservationExpiry(command.orderId(), command.expiresAt()));
        return getVersion();
    }

    /** Releasing what is not (or no longer) reserved is a no-op, so compensations can safely be retried. */
    @CommandHandler
    long handle(ReleaseStockCommand command) {
        var reservation = reservations.get(command.orderId());
        if (reservation != null) {
            apply(new StockReleasedEvent(sku, command.orderId(), reservation.quantity(), command.reason(),
                    available() + reservation.quantity()));
        }
        return getVersion();
    }

    @CommandHandler
    long handle(CommitStockCommand command) {
        if (committedOrders.contains(command.orderId())) {
            return getVersion(); // committing twice: nothing to do
        }
        var reservation = reservations.get(command.orderId());
        if (reservation == null) {
            throw new CommandRejectedException(RESERVATION_NOT_ACTIVE, "Order " + command.orderId()
                    + " holds no active reservation of " + sku + " (never made, released or expired)",
                    Map.of("sku", sku.value(), "order_id", command.orderId()));
        }
        apply(new StockCommittedEvent(sku, command.orderId(), reservation.quantity(),
                onHand - reservation.quantity()));
        return getVersion();
    }

    /**
     * Deadlines are not cancelled when a reservation ends early; instead the handler checks that the reservation
     * it was scheduled for is still the active one, so a stale deadline never expires a newer reservation.
     */
    @DeadlineHandler(deadlineName = RESERVATION_EXPIRY)
    void on(ReservationExpiry expiry) {
        var reservation = reservations.get(expiry.orderId());
        if (reservation != null && reservation.expiresAt().equals(expiry.expiresAt())) {
            apply(new ReservationExpiredEvent(sku, expiry.orderId(), reservation.quantity(),
                    available() + reservation.quantity()));
        }
    }

    @EventSourcingHandler
    void on(StockReceivedEvent event) {
        id = event.sku().value();
        sku = event.sku();
        onHand = event.onHand();
    }

    @EventSourcingHandler
    void on(StockAdjustedEvent event) {
        onHand = event.onHand();
    }

    @EventSourcingHandler
    void on(StockReservedEvent event) {
        reservations.put(event.orderId(), new Reservation(event.quantity(), event.expiresAt()));
    }

    @EventSourcingHandler
    void on(StockReleasedEvent event) {
        reservations.remove(event.orderId());
    }

    @EventSourcingHandler
    void on(ReservationExpiredEvent event) {
        reservations.remove(event.orderId());
    }

    @EventSourcingHandler
    void on(StockCommittedEvent event) {
        reservations.remove(event.orderId());
        committedOrders.add(event.orderId());
        onHand = event.onHand();
    }

    private int reserved() {
        return reservations.values().stream().mapToInt(Reservation::quantity).sum();
    }

    private int available() {
        return onHand - reserved();
    }

    private void requireStocked(Sku requested, KnownSkus catalog) {
        if (sku == null && !catalog.isRegistered(requested)) {
            throw unknownSku(requested);
        }
    }

    private static CommandRejectedException unknownSku(Sku sku) {
        return new CommandRejectedException(NOT_FOUND, "No product sells SKU " + sku, Map.of("sku", sku.value()));
    }

    private static void requireQuantity(int quantity) {
        if (quantity < 1 || quantity > MAX_QUANTITY) {
            throw new CommandRejectedException(VALIDATION_ERROR, "Quantity must be between 1 and " + MAX_QUANTITY);
        }
    }

    /** Units held for one order until {@code expiresAt}. */
    record Reservation(int quantity, Instant expiresAt) {
    }

    /** Deadline payload: which reservation the deadline was scheduled for. */
    record ReservationExpiry(String orderId, Instant expiresAt) {
    }
}
