package com.postr.api.catalog;

/**
 * A page of the catalog, newest first. Filters are optional (null means any).
 *
 * @param page zero-based page number
 */
public record FindProductsQuery(int page, int size, ProductStatus status, String category, String artist) {
}
