package com.postr.api.catalog;

import java.util.List;

/** Carries the complete new details, so a reader never needs the previous event to know the current state. */
public record ProductDetailsChangedEvent(ProductId productId, String title, String artist, String description,
                                         String category, List<String> tags, List<String> colors) {
}
