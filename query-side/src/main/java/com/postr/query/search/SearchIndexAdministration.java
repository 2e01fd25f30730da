package com.postr.query.search;

import com.postr.api.catalog.FetchSearchIndexStatusQuery;
import com.postr.api.catalog.RebuildSearchIndexCommand;
import com.postr.api.catalog.SearchIndexStatus;
import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.RejectionCode;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Rebuilds of the Elasticsearch index, one at a time per node, in the background: a large catalog takes longer
 * than a request may wait, and the old index serves searches meanwhile. Its status says how far it got.
 */
@Component
class SearchIndexAdministration {

    private static final Logger log = LoggerFactory.getLogger(SearchIndexAdministration.class);

    private final ObjectProvider<ElasticsearchIndex> elasticsearch;
    private final SearchDocuments documents;
    private final SearchProperties properties;
    private final Clock clock;
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        var thread = new Thread(r, "search-index-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicLong copied = new AtomicLong();
    private volatile String rebuilding;
    private volatile Instant startedAt;
    private volatile Instant finishedAt;
    private volatile String lastError;

    SearchIndexAdministration(ObjectProvider<ElasticsearchIndex> elasticsearch, SearchDocuments documents,
                              SearchProperties properties, Clock clock) {
        this.elasticsearch = elasticsearch;
        this.documents = documents;
        this.properties = properties;
        this.clock = clock;
    }

    @CommandHandler
    synchronized SearchIndexStatus handle(RebuildSearchIndexCommand command) {
        var index = elasticsearch.getIfAvailable();
        if (index == null) {
            throw new CommandRejectedException(RejectionCode.INVALID_STATE_TRANSITION, "The PostgreSQL engine "
                    + "searches the catalog search tables directly: there is no index to rebuild. To rebuild the "
                    + "tables, replay the catalog-search processor.");
        }
        if (rebuilding != null) {
            throw new CommandRejectedException(RejectionCode.INVALID_STATE_TRANSITION,
                    "A rebuild into " + rebuilding + " is running; wait for it to finish");
        }
        String target;
        try {
            target = index.createIndex();
        } catch (IOException | RuntimeException e) {
            throw new com.postr.api.catalog.SearchUnavailableException("Elasticsearch cannot create an index: "
                    + e.getMessage(), e);
        }
        rebuilding = target;
        startedAt = clock.instant();
        finishedAt = null;
        lastError = null;
        copied.set(0);
        worker.execute(() -> {
            try {
                index.fill(target, copied::set);
            } catch (IOException | RuntimeException e) {
                lastError = e.toString();
                log.error("Rebuild of search index {} failed; the alias still serves the old index", target, e);
            } finally {
                finishedAt = clock.instant();
                rebuilding = null;
            }
        });
        return status();
    }

    @QueryHandler
    SearchIndexStatus handle(FetchSearchIndexStatusQuery query) {
        return status();
    }

    private SearchIndexStatus status() {
        var index = elasticsearch.getIfAvailable();
        if (index == null) {
            return new SearchIndexStatus("postgres", null, List.of(), 0, null, 0, null, null, null);
        }
        List<String> serving;
        String error = lastError;
        try {
            serving = index.current();
        } catch (IOException | RuntimeException e) {
            serving = List.of();
            error = "Elasticsearch cannot be reached: " + e.getMessage();
        }
        return new SearchIndexStatus("elasticsearch", properties.elasticsearch().index(), serving,
                documents.unindexed(), rebuilding, copied.get(), startedAt, finishedAt, error);
    }
}
