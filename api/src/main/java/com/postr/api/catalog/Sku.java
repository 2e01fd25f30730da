package com.postr.api.catalog;

import java.util.Objects;

/** A stock-keeping unit: one sellable variant of a product, unique across the whole catalog. */
public record Sku(String value) {

    /** Upper-case letters, digits and dashes, 3 to 64 characters, so SKUs are safe in URLs, labels and logs. */
    public static final String PATTERN = "^[A-Z0-9][A-Z0-9-]{1,62}[A-Z0-9]$";

    public Sku {
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return value;
    }
}
