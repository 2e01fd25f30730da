package com.postr.app.catalog;

import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductResponse;
import com.postr.api.catalog.ProductStatus;
import com.postr.api.common.Money;

import java.time.Instant;
import java.util.List;

/** A product as the API shows it. {@code version} grows with every change and is also sent as the ETag. */
record ProductJson(String productId, String title, String artist, String description, String category,
                   List<String> tags, List<String> colors, List<Variant> variants, ProductStatus status,
                   String discontinuedReason, long version, Instant createdAt, Instant updatedAt) {

    record Variant(String sku, PosterSize size, boolean framed, PaperFinish paper, Money price) {
    }

    static ProductJson of(ProductResponse p) {
        return new ProductJson(p.productId().value(), p.title(), p.artist(), p.description(), p.category(),
                p.tags(), p.colors(), p.variants().stream()
                .map(v -> new Variant(v.sku().value(), v.size(), v.framed(), v.paper(), v.price())).toList(),
                p.status(), p.discontinuedReason(), p.version(), p.createdAt(), p.updatedAt());
    }
}
