package com.postr.api.catalog;

/**
 * Builds a fresh search index from the catalog search tables and moves the search alias to it once full, while
 * the current index keeps answering. Answered with a {@link SearchIndexStatus} as the rebuild starts.
 */
public record RebuildSearchIndexCommand() {
}
