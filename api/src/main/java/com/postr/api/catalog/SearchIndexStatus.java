package com.postr.api.catalog;

import java.time.Instant;
import java.util.List;

/**
 * @param engine     {@code postgres} or {@code elasticsearch}
 * @param alias      the name searches go to (Elasticsearch only)
 * @param serving    the indices behind the alias now
 * @param pending    products changed in the search tables but not yet in the index
 * @param rebuilding the index a running rebuild fills, or null
 * @param documents  documents the rebuild has copied so far, or the last rebuild's total
 * @param lastError  why the last rebuild failed, if it did
 */
public record SearchIndexStatus(String engine, String alias, List<String> serving, long pending, String rebuilding,
                                long documents, Instant rebuildStartedAt, Instant rebuildFinishedAt,
                                String lastError) {
}
