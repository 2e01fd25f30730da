package com.postr.query.inventory;

import com.postr.api.inventory.FetchStockLevelQuery;
import com.postr.api.inventory.ReservationExpiredEvent;
import com.postr.api.inventory.StockAdjustedEvent;
import com.postr.api.inventory.StockCommittedEvent;
import com.postr.api.inventory.StockLevelResponse;
import com.postr.api.inventory.StockReceivedEvent;
import com.postr.api.inventory.StockReleasedEvent;
import com.postr.api.inventory.StockReservedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds stock levels per SKU from inventory events and answers stock queries. */
@Component
@ProcessingGroup(StockLevelProjection.PROCESSING_GROUP)
public class StockLevelProjection {

    public static final String PROCESSING_GROUP = "stock-levels";

    private final StockLevelViewRepository levels;

    StockLevelProjection(StockLevelViewRepository levels) {
        this.levels = levels;
    }

    @EventHandler
    void on(StockReceivedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        apply(event.sku().value(), sequenceNumber, view -> view.change(event.onHand(), 0, 0, sequenceNumber, at));
    }

    @EventHandler
    void on(StockAdjustedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        apply(event.sku().value(), sequenceNumber, view -> view.change(event.onHand(), 0, 0, sequenceNumber, at));
    }

    @EventHandler
    void on(StockReservedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        apply(event.sku().value(), sequenceNumber,
                view -> view.change(view.onHand(), event.quantity(), 1, sequenceNumber, at));
    }

    @EventHandler
    void on(StockReleasedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        apply(event.sku().value(), sequenceNumber,
                view -> view.change(view.onHand(), -event.quantity(), -1, sequenceNumber, at));
    }

    @EventHandler
    void on(ReservationExpiredEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        apply(event.sku().value(), sequenceNumber,
                view -> view.change(view.onHand(), -event.quantity(), -1, sequenceNumber, at));
    }

    @EventHandler
    void on(StockCommittedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        apply(event.sku().value(), sequenceNumber,
                view -> view.change(event.onHand(), -event.quantity(), -1, sequenceNumber, at));
    }

    @ResetHandler
    void onReset() {
        levels.deleteAllInBatch();
    }

    @QueryHandler
    Optional<StockLevelResponse> handle(FetchStockLevelQuery query) {
        return levels.findById(query.sku().value()).map(StockLevelView::toResponse);
    }

    private void apply(String sku, long sequenceNumber, Consumer<StockLevelView> change) {
        var existing = levels.findById(sku);
        var view = existing.orElseGet(() -> new StockLevelView(sku));
        if (view.isNewerThanView(sequenceNumber)) {
            change.accept(view);
            if (existing.isEmpty()) {
                levels.save(view); // only once complete: Hibernate inserts the state it is given at save
            }
        }
    }
}
