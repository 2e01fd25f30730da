package com.postr.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

/**
 * Changes some descriptive details of a product; a null field stays as it is. The aggregate merges, not the
 * caller, so a partial update never overwrites a concurrent change with stale read-model data.
 */
public record ChangeProductDetailsCommand(@TargetAggregateIdentifier ProductId productId, String title, String artist,
                                          String description, String category, List<String> tags,
                                          List<String> colors) {
}
