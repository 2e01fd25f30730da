package com.postr.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.VersionType;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongConsumer;

/**
 * The search index in Elasticsearch: a versioned index behind an alias. Documents are copied from the search
 * tables, each with its document version as the external version, so a copy that arrives late or twice never
 * overwrites a newer one. A rebuild fills a new index while the alias still serves the old, then swaps the alias
 * in one request and deletes the old index.
 * <p>
 * The mapping carries a version ({@code _meta.mapping_version} in product-index.json). An index built under an
 * older one is rebuilt the same way when the indexer starts, and until then searches ask only what every version
 * can answer ({@link #servesCurrentMapping}).
 */
class ElasticsearchIndex {

    private static final Logger log = LoggerFactory.getLogger(ElasticsearchIndex.class);
    private static final DateTimeFormatter BUILD = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);
    static final int MAPPING_VERSION = mappingVersion();
    // how long this node trusts what it last saw behind the alias: another node may have rebuilt it since
    private static final long RECHECK_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(5);

    private final ElasticsearchClient client;
    private final SearchDocuments documents;
    private final TransactionTemplate transaction;
    private final SearchProperties.Elasticsearch settings;
    private final Clock clock;
    private volatile boolean servesCurrent;
    private volatile long checkedAt = System.nanoTime();

    ElasticsearchIndex(ElasticsearchClient client, SearchDocuments documents, PlatformTransactionManager transactions,
                       SearchProperties.Elasticsearch settings, Clock clock) {
        this.client = client;
        this.documents = documents;
        this.transaction = new TransactionTemplate(transactions);
        this.settings = settings;
        this.clock = clock;
    }

    String alias() {
        return settings.index();
    }

    /** The indices behind the alias now: one, or none before the first build. */
    List<String> current() throws IOException {
        if (!client.indices().existsAlias(a -> a.name(alias())).value()) {
            return List.of();
        }
        return List.copyOf(client.indices().getAlias(a -> a.name(alias())).result().keySet());
    }

    /**
     * Creates the first index when the alias is missing, and has every document sent to it; rebuilds the index
     * behind the alias when its mapping is older than this code's.
     */
    synchronized void ensureExists() throws IOException {
        boolean created = false;
        if (current().isEmpty()) {
            var first = createIndex();
            created = claimAlias(first);
            if (created) {
                transaction.executeWithoutResult(s -> documents.forgetIndexed());
                log.info("Created search index {} behind alias {}; documents are being sent to it", first, alias());
            }
        }
        if (!created && servingVersion() < MAPPING_VERSION) {
            log.info("Search index behind alias {} has an older mapping; rebuilding it with mapping version {}",
                    alias(), MAPPING_VERSION);
            fill(createIndex(), copied -> { });
        }
        servesCurrent = true;
        checkedAt = System.nanoTime();
    }

    /**
     * Puts a new first index behind the missing alias as its write index. An alias has at most one, so when another
     * node starting at the same moment put its own first index there since, Elasticsearch refuses ours (without
     * the flag it would add it, and every search would find each product twice); ours is then dropped.
     *
     * @return false when another node's index is behind the alias instead
     */
    boolean claimAlias(String index) throws IOException {
        try {
            swap(index, List.of());
            return true;
        } catch (ElasticsearchException | IOException refused) {
            // refused (a 500, which the client raises as an IOException) or unanswered: what is behind it now says
            var serving = current();
            if (serving.contains(index)) {
                return true;
            }
            client.indices().delete(d -> d.index(index));
            if (serving.isEmpty()) {
                throw refused;
            }
            log.info("Another node put its first search index behind alias {} first; dropped {}", alias(), index);
            return false;
        }
    }

    /**
     * Whether every index behind the alias has this code's mapping, as the indexer last saw it (at most a few
     * seconds ago). False while an older index still serves, and until the indexer has looked.
     */
    boolean servesCurrentMapping() {
        return servesCurrent;
    }

    /**
     * Looks again at the mapping behind the alias when the last look is a few seconds old: another node may have
     * rebuilt the index since. Called by the indexer, so searches never wait for it.
     */
    void recheckMapping() throws IOException {
        if (System.nanoTime() - checkedAt > RECHECK_NANOS) {
            try {
                servesCurrent = servingVersion() >= MAPPING_VERSION;
            } finally {
                checkedAt = System.nanoTime();
            }
        }
    }

    /** The oldest mapping version behind the alias; 1 for an index from before versions were kept. */
    private int servingVersion() throws IOException {
        return client.indices().getMapping(g -> g.index(alias())).result().values().stream()
                .mapToInt(m -> {
                    var version = m.mappings().meta().get("mapping_version");
                    return version == null ? 1 : version.to(Integer.class);
                })
                .min().orElse(MAPPING_VERSION);
    }

    /**
     * Sends one batch of the documents the index does not hold yet and records those it took.
     *
     * @return how many documents were sent
     * @throws IllegalStateException when the index refused some (recorded are the others), so the caller backs off
     */
    int sendPending() {
        var batch = Objects.requireNonNull(transaction.execute(status -> documents.unindexed(settings.batchSize())));
        if (batch.isEmpty()) {
            return 0;
        }
        // no transaction is held while Elasticsearch answers
        var items = bulk(alias(), batch);
        var refused = new ArrayList<String>();
        transaction.executeWithoutResult(status -> {
            for (int i = 0; i < batch.size(); i++) {
                var item = items.get(i);
                // 409: the index already holds this version or a newer one, which is as good as done
                if (item.error() == null || item.status() == 409) {
                    documents.markIndexed(batch.get(i).productId(), batch.get(i).version());
                } else {
                    refused.add(batch.get(i).productId() + ": " + item.error().reason());
                }
            }
        });
        if (!refused.isEmpty()) {
            throw new IllegalStateException("The search index refused " + refused.size() + " of " + batch.size()
                    + " documents, first " + refused.get(0));
        }
        return batch.size();
    }


    /**
     * Fills {@code index} from the search tables while the alias keeps serving the old one, then swaps the alias
     * atomically and deletes the old index. Changes made during the fill are sent again afterwards; their
     * versions keep them in order.
     */
    synchronized Rebuild fill(String index, LongConsumer progress) throws IOException {
        try {
            var old = current();
            long upTo = Objects.requireNonNull(transaction.execute(s -> documents.lastChange()));
            long count = 0;
            String after = "";
            while (true) {
                var from = after;
                var page = transaction.execute(s -> documents.page(from, settings.batchSize()));
                if (page == null || page.isEmpty()) {
                    break;
                }
                for (var item : bulk(index, page)) {
                    if (item.error() != null && item.status() != 409) {
                        throw new IllegalStateException("Rebuild of " + alias() + " failed on " + item.id() + ": "
                                + item.error().reason());
                    }
                }
                count += page.size();
                progress.accept(count);
                after = page.get(page.size() - 1).productId();
            }
            client.indices().refresh(r -> r.index(index));
            swap(index, old);
            servesCurrent = true;
            checkedAt = System.nanoTime();
            transaction.executeWithoutResult(s -> documents.markIndexedUpTo(upTo));
            for (var o : old) {
                client.indices().delete(d -> d.index(o));
            }
            log.info("Rebuilt search index {} ({} documents) and moved alias {} to it", index, count, alias());
            return new Rebuild(index, count);
        } catch (IOException | RuntimeException e) {
            // the alias still serves the old index; drop the half-built one
            try {
                client.indices().delete(d -> d.index(index));
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Moves the alias from {@code old} to {@code index} in one request. If the alias has left any of {@code old}
     * meanwhile (another node's rebuild swapped first), it fails and changes nothing: without {@code must_exist},
     * Elasticsearch would apply the add, report the missing alias, and leave two indices behind the alias. The new
     * index becomes the alias's write index, which is what keeps two first indices from both getting behind it
     * ({@link #claimAlias}).
     */
    void swap(String index, List<String> old) throws IOException {
        client.indices().updateAliases(u -> {
            u.actions(a -> a.add(add -> add.index(index).alias(alias()).isWriteIndex(true)));
            old.forEach(o -> u.actions(a -> a.remove(remove -> remove.index(o).alias(alias()).mustExist(true))));
            return u;
        });
    }

    record Rebuild(String index, long documents) {
    }

    /** A new, empty index with the current mapping, not yet behind the alias. */
    String createIndex() throws IOException {
        var index = alias() + "-" + BUILD.format(clock.instant());
        var definition = mapping().replace("${analyzer}", settings.analyzer());
        client.indices().create(c -> c.index(index)
                .withJson(new ByteArrayInputStream(definition.getBytes(StandardCharsets.UTF_8))));
        return index;
    }

    private static int mappingVersion() {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().readTree(mapping())
                    .path("mappings").path("_meta").path("mapping_version").asInt(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String mapping() {
        try (var in = ElasticsearchIndex.class.getResourceAsStream("/search/product-index.json")) {
            return new String(Objects.requireNonNull(in, "product-index.json").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<BulkResponseItem> bulk(String index, List<SearchDocument> batch) {
        var request = new BulkRequest.Builder().index(index);
        for (var document : batch) {
            request.operations(op -> op.index(i -> i.id(document.productId()).version(document.version())
                    .versionType(VersionType.External).document(IndexedProduct.of(document))));
        }
        try {
            return client.bulk(request.build()).items();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
