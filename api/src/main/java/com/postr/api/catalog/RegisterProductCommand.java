package com.postr.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

import java.util.List;

public record RegisterProductCommand(@TargetAggregateIdentifier ProductId productId,
                                     ProductDetails details,
                                     List<ProductVariant> variants) {
}
