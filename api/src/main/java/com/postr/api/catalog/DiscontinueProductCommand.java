package com.postr.api.catalog;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

public record DiscontinueProductCommand(@TargetAggregateIdentifier ProductId productId, String reason) {
}
