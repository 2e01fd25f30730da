package com.postr.api.catalog;

/** Orders of search hits. Ties fall back to the newest product, then the product id, so pages are stable. */
public enum SearchSort {
    /** Best text match first; only meaningful with words, otherwise the same as {@link #NEWEST}. */
    RELEVANCE,
    /** By the lowest price among the matching variants. */
    PRICE_ASC,
    /** By the highest price among the matching variants. */
    PRICE_DESC,
    NEWEST
}
