package com.postr.app.catalog;

import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductSearchResult;
import com.postr.api.common.Money;
import com.postr.app.web.json.PageJson;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** A search answer: hits, facets, and the offset pagination every list uses. */
record SearchJson(List<Hit> data, Facets facets, PageJson.Pagination pagination) {

    record Hit(String productId, String title, String artist, String category, List<Variant> variants,
               Map<String, String> highlight) {
    }

    record Variant(String sku, PosterSize size, boolean framed, PaperFinish paper, Money price, int available,
                   boolean inStock) {
    }

    record Facets(List<ProductSearchResult.Count> category, List<ProductSearchResult.Count> artist,
                  List<ProductSearchResult.Count> size, List<ProductSearchResult.Count> framed,
                  List<ProductSearchResult.Count> paper, List<ProductSearchResult.Count> color,
                  List<PriceRange> price) {
    }

    /** {@code from} inclusive, {@code to} exclusive; the last range has no {@code to}. */
    record PriceRange(BigDecimal from, BigDecimal to, long count) {
    }

    static SearchJson of(ProductSearchResult result, int page, int limit) {
        var hits = result.hits().stream().map(h -> new Hit(h.productId().value(), h.title(), h.artist(),
                h.category(), h.variants().stream().map(v -> new Variant(v.sku().value(), v.size(), v.framed(),
                        v.paper(), v.price(), v.available(), v.available() > 0)).toList(), h.highlight())).toList();
        var f = result.facets();
        var facets = new Facets(f.category(), f.artist(), f.size(), f.framed(), f.paper(), f.color(),
                f.price().stream().map(r -> new PriceRange(r.from(), r.to(), r.count())).toList());
        return new SearchJson(hits, facets, PageJson.of(List.of(), page, limit, result.totalHits()).pagination());
    }
}
