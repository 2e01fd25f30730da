package com.postr.api.catalog;

import java.time.Instant;
import java.util.List;

/**
 * A product as the catalog read model knows it.
 *
 * @param version sequence number of the last event the read model applied; clients compare it with the version a
 *                command returned to know the read model has caught up
 */
public record ProductResponse(ProductId productId, String title, String artist, String description, String category,
                              List<String> tags, List<String> colors, List<ProductVariant> variants,
                              ProductStatus status, String discontinuedReason, long version,
                              Instant createdAt, Instant updatedAt) {
}
