package com.postr.api.catalog;

import java.util.List;

public record ProductPage(List<ProductResponse> items, int page, int size, long totalItems) {

    public int totalPages() {
        return size == 0 ? 0 : (int) ((totalItems + size - 1) / size);
    }
}
