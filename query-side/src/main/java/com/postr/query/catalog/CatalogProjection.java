package com.postr.query.catalog;

import com.postr.api.catalog.FetchProductQuery;
import com.postr.api.catalog.FindProductsQuery;
import com.postr.api.catalog.ProductDetailsChangedEvent;
import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.ProductPage;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductResponse;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.ProductVariantAddedEvent;
import com.postr.api.catalog.VariantPriceChangedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Optional;
import java.util.function.Consumer;

/** Builds the catalog read model from product events and answers catalog queries. */
@Component
@ProcessingGroup(CatalogProjection.PROCESSING_GROUP)
public class CatalogProjection {

    public static final String PROCESSING_GROUP = "catalog";

    private final ProductViewRepository products;

    CatalogProjection(ProductViewRepository products) {
        this.products = products;
    }

    @EventHandler
    void on(ProductRegisteredEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        if (products.existsById(event.productId().value())) {
            return; // replayed creation
        }
        var view = new ProductView(event.productId().value(), sequenceNumber, at);
        view.describe(event.title(), event.artist(), event.description(), event.category(), event.tags(),
                event.colors());
        view.replaceVariants(event.variants());
        products.save(view);
    }

    @EventHandler
    void on(ProductDetailsChangedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.productId().value(), sequenceNumber, at, view -> view.describe(event.title(), event.artist(),
                event.description(), event.category(), event.tags(), event.colors()));
    }

    @EventHandler
    void on(VariantPriceChangedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.productId().value(), sequenceNumber, at, view -> view.replaceVariants(view.variants().stream()
                .map(v -> v.sku().equals(event.sku())
                        ? new ProductVariant(v.sku(), v.size(), v.framed(), v.paper(), event.price()) : v)
                .toList()));
    }

    @EventHandler
    void on(ProductVariantAddedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.productId().value(), sequenceNumber, at, view -> {
            var variants = new ArrayList<>(view.variants());
            variants.add(event.variant());
            view.replaceVariants(variants);
        });
    }

    @EventHandler
    void on(ProductDiscontinuedEvent event, @SequenceNumber long sequenceNumber, @Timestamp Instant at) {
        update(event.productId().value(), sequenceNumber, at, view -> view.discontinue(event.reason()));
    }

    @ResetHandler
    void onReset() {
        products.deleteAllInBatch();
    }

    @QueryHandler
    Optional<ProductResponse> handle(FetchProductQuery query) {
        return products.findById(query.productId().value()).map(ProductView::toResponse);
    }

    @QueryHandler
    ProductPage handle(FindProductsQuery query) {
        var pageable = PageRequest.of(query.page(), query.size(),
                Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("productId")));
        var page = products.search(query.status(), query.category(), query.artist(), pageable);
        return new ProductPage(page.map(ProductView::toResponse).toList(), query.page(), query.size(),
                page.getTotalElements());
    }

    private void update(String productId, long sequenceNumber, Instant at, Consumer<ProductView> change) {
        // An unknown product here means its creation has not been applied: fail so the event is retried, not lost.
        var view = products.findById(productId).orElseThrow(() -> new IllegalStateException(
                "Catalog view of " + productId + " is missing; cannot apply event #" + sequenceNumber));
        if (view.isNewerThanView(sequenceNumber)) {
            change.accept(view);
            view.touch(sequenceNumber, at);
        }
    }
}
