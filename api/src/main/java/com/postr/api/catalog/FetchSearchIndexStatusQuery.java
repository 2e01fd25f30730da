package com.postr.api.catalog;

/** How the search engine stands: which index serves, how far behind it is, whether a rebuild runs. */
public record FetchSearchIndexStatusQuery() {
}
