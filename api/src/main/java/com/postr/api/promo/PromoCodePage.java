package com.postr.api.promo;

import java.util.List;

public record PromoCodePage(List<PromoCodeResponse> items, int page, int size, long totalItems) {
}
