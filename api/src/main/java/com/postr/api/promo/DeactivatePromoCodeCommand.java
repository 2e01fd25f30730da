package com.postr.api.promo;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** Stops a promo code from applying to new orders; orders that used it keep their discount. */
public record DeactivatePromoCodeCommand(@TargetAggregateIdentifier String code) {
}
