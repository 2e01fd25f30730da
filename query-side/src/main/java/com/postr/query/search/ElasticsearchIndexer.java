package com.postr.query.search;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the Elasticsearch index up with the search tables. The projection only writes PostgreSQL, so it never
 * stops when Elasticsearch does; this loop sends what changed, and while Elasticsearch is away it retries with
 * growing pauses (1 s doubling to 30 s) and then catches up, since every unsent change is still marked in the
 * tables.
 */
class ElasticsearchIndexer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchIndexer.class);
    static final Duration IDLE = Duration.ofMillis(200);
    static final Duration FIRST_BACK_OFF = Duration.ofSeconds(1);
    static final Duration MAX_BACK_OFF = Duration.ofSeconds(30);

    private final ElasticsearchIndex index;
    private ScheduledExecutorService loop;
    private volatile boolean ready;
    private volatile Duration backOff = Duration.ZERO;

    ElasticsearchIndexer(ElasticsearchIndex index) {
        this.index = index;
    }

    /**
     * One round: makes sure the index exists with this code's mapping (afterwards, looks again every few seconds
     * whether it still does), then sends pending documents until none are left.
     *
     * @return documents sent
     * @throws RuntimeException when Elasticsearch cannot be reached or refuses a request
     */
    int catchUp() throws java.io.IOException {
        if (!ready) {
            index.ensureExists();
            ready = true;
        } else {
            index.recheckMapping();
        }
        int sent = 0;
        for (int n; (n = index.sendPending()) > 0; ) {
            sent += n;
        }
        return sent;
    }

    private void round() {
        Duration next = IDLE;
        try {
            catchUp();
            if (!backOff.isZero()) {
                log.info("Elasticsearch answers again; the search index has caught up");
                backOff = Duration.ZERO;
            }
        } catch (Exception | Error e) {
            ready = false;
            backOff = backOff.isZero() ? FIRST_BACK_OFF : min(backOff.multipliedBy(2), MAX_BACK_OFF);
            next = backOff;
            log.warn("Search index not updated ({}); retrying in {} s", e.toString(), backOff.toSeconds());
        }
        if (loop != null && !loop.isShutdown()) {
            loop.schedule(this::round, next.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    @Override
    public synchronized void start() {
        loop = Executors.newSingleThreadScheduledExecutor(r -> {
            var thread = new Thread(r, "search-indexer");
            thread.setDaemon(true);
            return thread;
        });
        loop.execute(this::round);
    }

    @Override
    public synchronized void stop() {
        if (loop != null) {
            loop.shutdownNow();
            try {
                // a round under way finishes its bulk request and records what the index took
                loop.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            loop = null;
        }
    }

    @Override
    public boolean isRunning() {
        return loop != null;
    }
}
