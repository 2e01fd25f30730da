package com.postr.api.catalog;

import com.postr.api.common.Money;

/** One sellable form of a poster: size, frame and paper, with its own SKU and price. */
public record ProductVariant(Sku sku, PosterSize size, boolean framed, PaperFinish paper, Money price) {
}
