package com.postr.api.promo;

public record FetchPromoCodeQuery(String code) {
}
