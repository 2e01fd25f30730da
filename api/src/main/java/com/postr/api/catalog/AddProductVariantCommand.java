package com.postr.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record AddProductVariantCommand(@TargetAggregateIdentifier ProductId productId, ProductVariant variant) {
}
