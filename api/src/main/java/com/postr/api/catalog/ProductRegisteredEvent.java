package com.postr.api.catalog;

import java.util.List;

public record ProductRegisteredEvent(ProductId productId, String title, String artist, String description,
                                     String category, List<String> tags, List<String> colors,
                                     List<ProductVariant> variants) {
}
