package com.postr.api.catalog;

import java.util.Objects;
import java.util.UUID;

/** Identifies a product, for example {@code prod_0b6f...}. */
public record ProductId(String value) {

    public ProductId {
        Objects.requireNonNull(value, "value");
    }

    public static ProductId generate() {
        return new ProductId("prod_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /** Axon routes commands and names event streams by {@code toString()} of the target identifier. */
    @Override
    public String toString() {
        return value;
    }
}
