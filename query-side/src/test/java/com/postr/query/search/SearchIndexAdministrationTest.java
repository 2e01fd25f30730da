package com.postr.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.postr.api.catalog.FetchSearchIndexStatusQuery;
import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.RebuildSearchIndexCommand;
import com.postr.api.catalog.SearchProductsQuery;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import com.postr.query.QuerySideTestApplication;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An operator's rebuild: a new index fills in the background while the old one answers, then takes over. */
@SpringBootTest(classes = {QuerySideTestApplication.class, SearchTestBeans.class})
// its indexer must stop with the class: every context shares the search tables, and another's indexer would
// mark rows as sent to an index it never sent them to
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SearchIndexAdministrationTest {

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("postr.search.elasticsearch.uris", () -> ElasticsearchNode.uri().toString());
        registry.add("postr.search.elasticsearch.index", () -> "admin-products");
        registry.add("postr.search.elasticsearch.batch-size", () -> "7"); // many bulk requests, visible progress
    }

    @Autowired
    SearchIndexAdministration administration;
    @Autowired
    CatalogSearchProjection projection;
    @Autowired
    CatalogSearch search;
    @Autowired
    ElasticsearchIndexer indexer;
    @Autowired
    ElasticsearchClient client;

    @Test
    void rebuildsIntoANewIndexWhileTheOldOneAnswersThenSwitches() throws Exception {
        projection.onReset();
        for (int i = 0; i < 40; i++) {
            projection.on(new ProductRegisteredEvent(new ProductId("a" + i), "Print " + i, "Artist", null, "coast",
                    List.of(), List.of(), List.of(new ProductVariant(new Sku("A" + i), PosterSize.A3, false,
                            PaperFinish.MATTE, Money.of("30.00", "EUR")))), 0, Instant.parse("2026-03-01T00:00:00Z"));
        }
        indexer.catchUp();
        client.indices().refresh(r -> r.index("admin-products"));
        var before = administration.handle(new FetchSearchIndexStatusQuery());
        assertThat(before.engine()).isEqualTo("elasticsearch");
        assertThat(before.serving()).hasSize(1);
        assertThat(before.pending()).isZero();

        var started = administration.handle(new RebuildSearchIndexCommand());
        assertThat(started.rebuilding()).startsWith("admin-products-").isNotEqualTo(before.serving().get(0));
        // searches keep answering from the old index meanwhile
        assertThat(search.search(all()).totalHits()).isEqualTo(40);

        var deadline = Instant.now().plus(Duration.ofSeconds(60));
        var status = administration.handle(new FetchSearchIndexStatusQuery());
        while (status.rebuilding() != null && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            status = administration.handle(new FetchSearchIndexStatusQuery());
        }
        assertThat(status.rebuilding()).isNull();
        assertThat(status.lastError()).isNull();
        assertThat(status.documents()).isEqualTo(40);
        assertThat(status.serving()).containsExactly(started.rebuilding());
        assertThat(client.indices().exists(e -> e.index(before.serving().get(0))).value()).isFalse();
        assertThat(search.search(all()).totalHits()).isEqualTo(40);
    }

    private static SearchProductsQuery all() {
        return new SearchProductsQuery(null, null, null, null, null, null, null, null, null, false, null, 0, 20);
    }
}
