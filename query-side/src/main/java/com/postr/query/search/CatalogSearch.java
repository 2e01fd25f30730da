package com.postr.query.search;

import com.postr.api.catalog.ProductSearchResult;
import com.postr.api.catalog.SearchProductsQuery;

/**
 * The search port: one contract, answered by PostgreSQL or by Elasticsearch ({@code postr.search.engine}). Both
 * engines pass the same contract suite, so a shop can move between them without its clients noticing.
 */
public interface CatalogSearch {

    /** @throws com.postr.api.catalog.SearchUnavailableException when the engine cannot answer now */
    ProductSearchResult search(SearchProductsQuery query);
}
