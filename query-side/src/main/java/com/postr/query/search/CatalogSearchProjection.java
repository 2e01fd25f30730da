package com.postr.query.search;

import com.postr.api.catalog.ProductDetailsChangedEvent;
import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductSearchResult;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.ProductVariantAddedEvent;
import com.postr.api.catalog.SearchProductsQuery;
import com.postr.api.catalog.VariantPriceChangedEvent;
import com.postr.api.inventory.ReservationExpiredEvent;
import com.postr.api.inventory.StockAdjustedEvent;
import com.postr.api.inventory.StockCommittedEvent;
import com.postr.api.inventory.StockReceivedEvent;
import com.postr.api.inventory.StockReleasedEvent;
import com.postr.api.inventory.StockReservedEvent;
import com.postr.query.search.SearchDocuments.StockChange;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

import java.time.Instant;

/**
 * Builds the catalog search model from product and inventory events, and answers searches through the configured
 * engine. Stock comes from the SKUs' own streams, so a product is "in stock" when any of its variants has units
 * available now.
 */
@Component
@ProcessingGroup(CatalogSearchProjection.PROCESSING_GROUP)
public class CatalogSearchProjection {

    public static final String PROCESSING_GROUP = "catalog-search";

    private final SearchDocuments documents;
    private final CatalogSearch search;

    CatalogSearchProjection(SearchDocuments documents, CatalogSearch search) {
        this.documents = documents;
        this.search = search;
    }

    @EventHandler
    void on(ProductRegisteredEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        var id = event.productId().value();
        if (documents.productSequence(id).isPresent()) {
            return; // replayed creation
        }
        documents.insertProduct(id, new SearchDocuments.Details(event.title(), event.artist(), event.description(),
                event.category(), event.tags(), event.colors()), at, sequenceNumber);
        event.variants().forEach(variant -> documents.addVariant(id, variant(variant)));
        documents.summarizeVariants(id);
        documents.refreshWords(id);
        documents.applied(id, sequenceNumber);
        documents.countFacets(id, +1);
    }

    @EventHandler
    void on(ProductDetailsChangedEvent event, @SequenceNumber long sequenceNumber) {
        var id = event.productId().value();
        if (isNew(id, sequenceNumber)) {
            documents.countFacets(id, -1);
            documents.describe(id, new SearchDocuments.Details(event.title(), event.artist(), event.description(),
                    event.category(), event.tags(), event.colors()));
            documents.refreshWords(id);
            documents.applied(id, sequenceNumber);
            documents.countFacets(id, +1);
        }
    }

    @EventHandler
    void on(VariantPriceChangedEvent event, @SequenceNumber long sequenceNumber) {
        var id = event.productId().value();
        if (isNew(id, sequenceNumber)) {
            documents.countFacets(id, -1);
            documents.changePrice(event.sku().value(), event.price().amount(), event.price().currency());
            documents.summarizeVariants(id);
            documents.applied(id, sequenceNumber);
            documents.countFacets(id, +1);
        }
    }

    @EventHandler
    void on(ProductVariantAddedEvent event, @SequenceNumber long sequenceNumber) {
        var id = event.productId().value();
        if (isNew(id, sequenceNumber)) {
            documents.countFacets(id, -1);
            documents.addVariant(id, variant(event.variant()));
            documents.summarizeVariants(id);
            documents.applied(id, sequenceNumber);
            documents.countFacets(id, +1);
        }
    }

    @EventHandler
    void on(ProductDiscontinuedEvent event, @SequenceNumber long sequenceNumber) {
        var id = event.productId().value();
        if (isNew(id, sequenceNumber)) {
            documents.countFacets(id, -1);
            documents.discontinue(id);
            documents.applied(id, sequenceNumber);
        }
    }

    @EventHandler
    void on(StockReceivedEvent event, @SequenceNumber long sequenceNumber) {
        documents.applyStock(event.sku().value(), StockChange.ON_HAND, event.onHand(), sequenceNumber);
    }

    @EventHandler
    void on(StockAdjustedEvent event, @SequenceNumber long sequenceNumber) {
        documents.applyStock(event.sku().value(), StockChange.ON_HAND, event.onHand(), sequenceNumber);
    }

    @EventHandler
    void on(StockCommittedEvent event, @SequenceNumber long sequenceNumber) {
        documents.applyStock(event.sku().value(), StockChange.COMMITTED, event.onHand(), sequenceNumber);
    }

    @EventHandler
    void on(StockReservedEvent event, @SequenceNumber long sequenceNumber) {
        documents.applyStock(event.sku().value(), StockChange.AVAILABLE, event.available(), sequenceNumber);
    }

    @EventHandler
    void on(StockReleasedEvent event, @SequenceNumber long sequenceNumber) {
        documents.applyStock(event.sku().value(), StockChange.AVAILABLE, event.available(), sequenceNumber);
    }

    @EventHandler
    void on(ReservationExpiredEvent event, @SequenceNumber long sequenceNumber) {
        documents.applyStock(event.sku().value(), StockChange.AVAILABLE, event.available(), sequenceNumber);
    }

    @ResetHandler
    void onReset() {
        documents.deleteAll();
    }

    @QueryHandler
    ProductSearchResult handle(SearchProductsQuery query) {
        return search.search(query);
    }

    private boolean isNew(String productId, long sequenceNumber) {
        // An unknown product means its creation has not been applied: fail so the event is retried, not lost.
        long applied = documents.productSequence(productId).orElseThrow(() -> new IllegalStateException(
                "Search model has no product " + productId + "; cannot apply its event #" + sequenceNumber));
        return sequenceNumber > applied;
    }

    private static SearchDocument.Variant variant(ProductVariant variant) {
        return new SearchDocument.Variant(variant.sku().value(), variant.size().name(), variant.framed(),
                variant.paper().name(), variant.price().amount(), variant.price().currency(), 0);
    }
}
