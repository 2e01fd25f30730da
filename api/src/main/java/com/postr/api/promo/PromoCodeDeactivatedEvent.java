package com.postr.api.promo;

public record PromoCodeDeactivatedEvent(String code) {
}
