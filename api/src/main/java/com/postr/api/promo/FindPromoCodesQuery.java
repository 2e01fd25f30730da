package com.postr.api.promo;

/** @param page zero-based */
public record FindPromoCodesQuery(int page, int size) {
}
