package com.postr.app.web.json;

import com.postr.app.web.json.PageJson;

import java.util.List;

/** An offset-paged list in the format of seed 003, section 3.3.3: {@code {"data": [...], "pagination": {...}}}. */
public record PageJson<T>(List<T> data, Pagination pagination) {

    /** @param page one-based */
    public record Pagination(int page, int limit, int totalPages, long totalItems, boolean hasNext,
                             boolean hasPrev) {
    }

    public static <T> PageJson<T> of(List<T> data, int page, int limit, long totalItems) {
        int totalPages = (int) ((totalItems + limit - 1) / limit);
        return new PageJson<>(data, new Pagination(page, limit, totalPages, totalItems, page < totalPages, page > 1));
    }
}
