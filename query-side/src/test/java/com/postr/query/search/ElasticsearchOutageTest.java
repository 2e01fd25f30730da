package com.postr.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductDetailsChangedEvent;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.SearchProductsQuery;
import com.postr.api.catalog.SearchUnavailableException;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import com.postr.query.QuerySideTestApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Elasticsearch goes away and comes back (a proxy in front of the real node is cut and restored): searches say
 * so, the projection carries on, and the index catches up by itself without losing an update. A replayed, older
 * state of a product never overwrites the newer document.
 */
@SpringBootTest(classes = {QuerySideTestApplication.class, SearchTestBeans.class})
// its indexer must stop with the class: every context shares the search tables, and another's indexer would
// mark rows as sent to an index it never sent them to
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ElasticsearchOutageTest {

    private static final Instant T0 = Instant.parse("2026-02-01T10:00:00Z");
    private static ToggleProxy proxy;

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("postr.search.elasticsearch.uris", () -> {
            try {
                var node = ElasticsearchNode.uri();
                proxy = new ToggleProxy(node.getHost(), node.getPort());
                return "http://127.0.0.1:" + proxy.port();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        registry.add("postr.search.elasticsearch.index", () -> "outage-products");
        registry.add("postr.search.elasticsearch.request-timeout", () -> "2s");
    }

    @AfterAll
    static void closeProxy() throws IOException {
        proxy.close();
    }

    @Autowired
    CatalogSearchProjection projection;
    @Autowired
    CatalogSearch search;
    @Autowired
    ElasticsearchIndex index;
    @Autowired
    ElasticsearchIndexer indexer;
    @Autowired
    ElasticsearchClient client;

    @Test
    void catchesUpByItselfAfterAnOutageAndSearchSaysItIsUnavailableMeanwhile() throws Exception {
        projection.onReset();
        register("o1", "Lighthouse at Dusk");
        index.fill(index.createIndex(), copied -> { });
        refresh();
        assertThat(titles("lighthouse")).containsExactly("Lighthouse at Dusk");

        proxy.down();
        assertThatThrownBy(() -> search.search(words("lighthouse"))).isInstanceOf(SearchUnavailableException.class);
        // the projection only writes PostgreSQL: it does not notice
        register("o2", "Lighthouse in Fog");
        projection.on(new ProductDetailsChangedEvent(new ProductId("o1"), "Lighthouse at Night", "Artist", null,
                "coast", List.of(), List.of()), 1);
        Thread.sleep(1_500); // the indexer fails at least once and backs off

        proxy.up();
        var deadline = Instant.now().plus(Duration.ofSeconds(45));
        List<String> titles = List.of();
        while (Instant.now().isBefore(deadline)) {
            try {
                titles = titles("lighthouse");
            } catch (SearchUnavailableException stillAway) {
                titles = List.of();
            }
            if (titles.size() == 2 && titles.contains("Lighthouse at Night")) {
                break;
            }
            Thread.sleep(200);
        }
        assertThat(titles).containsExactlyInAnyOrder("Lighthouse at Night", "Lighthouse in Fog");
    }

    @Test
    void anOlderStateSentAgainNeverOverwritesTheNewerDocument() throws Exception {
        // this test sends by hand and counts what it sent: the background loop must not send first
        indexer.stop();
        try {
            projection.onReset();
            register("r1", "Windmill");
            projection.on(new ProductDetailsChangedEvent(new ProductId("r1"), "Windmill at Noon", "Artist", null,
                    "coast", List.of(), List.of()), 1);
            index.fill(index.createIndex(), copied -> { });
            indexer.catchUp();

            // a replay starts over: the tables hold the first state again, and it is sent again
            projection.onReset();
            register("r1", "Windmill");
            assertThat(indexer.catchUp()).isEqualTo(1);
            refresh();
            assertThat(titles("windmill")).containsExactly("Windmill at Noon");
        } finally {
            indexer.start();
        }
    }

    private void register(String id, String title) {
        projection.on(new ProductRegisteredEvent(new ProductId(id), title, "Artist", null, "coast", List.of(),
                List.of(), List.of(new ProductVariant(new Sku(id + "-A3"), PosterSize.A3, false, PaperFinish.MATTE,
                        Money.of("30.00", "EUR")))), 0, T0);
    }

    private void refresh() throws IOException {
        client.indices().refresh(r -> r.index(index.alias()));
    }

    private List<String> titles(String words) {
        return search.search(words(words)).hits().stream().map(h -> h.title()).toList();
    }

    private static SearchProductsQuery words(String text) {
        return new SearchProductsQuery(text, null, null, null, null, null, null, null, null, false, null, 0, 20);
    }
}
