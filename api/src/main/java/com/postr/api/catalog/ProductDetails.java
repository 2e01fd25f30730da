package com.postr.api.catalog;

import java.util.List;

/** The descriptive part of a product that customers browse and search. */
public record ProductDetails(String title, String artist, String description, String category,
                             List<String> tags, List<String> colors) {

    public ProductDetails {
        tags = tags == null ? List.of() : List.copyOf(tags);
        colors = colors == null ? List.of() : List.copyOf(colors);
    }
}
