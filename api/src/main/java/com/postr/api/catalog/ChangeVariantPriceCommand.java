package com.postr.api.catalog;

import com.postr.api.common.Money;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record ChangeVariantPriceCommand(@TargetAggregateIdentifier ProductId productId, Sku sku, Money price) {
}
