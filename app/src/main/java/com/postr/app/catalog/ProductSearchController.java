package com.postr.app.catalog;

import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductSearchResult;
import com.postr.api.catalog.SearchProductsQuery;
import com.postr.api.catalog.SearchSort;
import com.postr.app.web.error.ApiError;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.gateway.Queries;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Catalog search: words with typos forgiven, facets, sorts (docs/api.md, "Searching the catalog"). */
@RestController
@Tag(name = "Products")
class ProductSearchController {

    /** Deeper pages are refused rather than computed: nobody reads result 10,001, and engines cap it anyway. */
    static final int MAX_RESULT_WINDOW = 10_000;
    private static final Set<String> PARAMETERS = Set.of("q", "category", "artist", "size", "framed", "paper",
            "color", "min_price", "max_price", "in_stock", "sort", "page", "limit");

    private final Queries queries;

    ProductSearchController(Queries queries) {
        this.queries = queries;
    }

    @GetMapping("/api/v1/products/search")
    @Operation(summary = "Search the catalog by words and facets",
            description = "Words match title, artist, tags, colours and description (in that order of weight), "
                    + "typos forgiven. Filters combine with AND; repeated values of one filter with OR. Each facet "
                    + "is counted under every filter but its own.")
    @ApiResponse(responseCode = "200", description = "A page of hits with the facets of the whole result")
    @ApiResponse(responseCode = "400", description = "VALIDATION_ERROR: an unknown parameter or a bad value",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    @ApiResponse(responseCode = "503", description = "SEARCH_UNAVAILABLE: the search engine cannot answer now",
            content = @Content(schema = @Schema(implementation = ApiError.class)))
    SearchJson search(HttpServletRequest request,
                      @Parameter(description = "Words to look for") @RequestParam(required = false)
                      @Size(max = 200) String q,
                      @RequestParam(required = false) List<@Size(min = 1, max = 100) String> category,
                      @RequestParam(required = false) List<@Size(min = 1, max = 200) String> artist,
                      @RequestParam(required = false) List<PosterSize> size,
                      @RequestParam(required = false) Boolean framed,
                      @RequestParam(required = false) List<PaperFinish> paper,
                      @RequestParam(required = false) List<@Size(min = 1, max = 50) String> color,
                      @Parameter(description = "Lowest variant price, inclusive") @RequestParam(name = "min_price",
                              required = false) @DecimalMin("0") @DecimalMax("1000000") BigDecimal minPrice,
                      @Parameter(description = "Highest variant price, inclusive") @RequestParam(name = "max_price",
                              required = false) @DecimalMin("0") @DecimalMax("1000000") BigDecimal maxPrice,
                      @Parameter(description = "Only products with a matching variant available now")
                      @RequestParam(name = "in_stock", required = false, defaultValue = "false") boolean inStock,
                      @Parameter(description = "relevance (default with q), price_asc, price_desc, newest "
                              + "(default without q)") @RequestParam(required = false) SearchSort sort,
                      @RequestParam(defaultValue = "1") @Min(1) @Max(MAX_RESULT_WINDOW) int page,
                      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int limit) {
        var unknown = new HashSet<>(request.getParameterMap().keySet());
        unknown.removeAll(PARAMETERS);
        if (!unknown.isEmpty()) {
            var name = unknown.stream().sorted().findFirst().orElseThrow();
            throw ApiException.invalidField(name, "is not a known parameter; known are " + PARAMETERS.stream()
                    .sorted().toList());
        }
        if (minPrice != null && maxPrice != null && minPrice.compareTo(maxPrice) > 0) {
            throw ApiException.invalidField("min_price", "must not be above max_price");
        }
        if ((long) page * limit > MAX_RESULT_WINDOW) {
            throw ApiException.invalidField("page", "reaches past result " + MAX_RESULT_WINDOW
                    + "; narrow the search instead");
        }
        var result = queries.ask(new SearchProductsQuery(q, strip(category), strip(artist), set(size), framed,
                set(paper), strip(color), minPrice, maxPrice, inStock, sort, page - 1, limit),
                ProductSearchResult.class);
        return SearchJson.of(result, page, limit);
    }

    private static Set<String> strip(List<String> values) {
        return values == null ? Set.of() : Set.copyOf(values.stream().map(String::strip).toList());
    }

    private static <T> Set<T> set(List<T> values) {
        return values == null ? Set.of() : Set.copyOf(values);
    }
}
