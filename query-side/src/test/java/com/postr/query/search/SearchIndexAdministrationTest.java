package com.postr.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.json.JsonpUtils;
import com.postr.api.catalog.FetchSearchIndexStatusQuery;
import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.RebuildSearchIndexCommand;
import com.postr.api.catalog.ProductSearchResult.Count;
import com.postr.api.catalog.SearchProductsQuery;
import com.postr.api.catalog.Sku;
import com.postr.api.common.Money;
import com.postr.query.QuerySideTestApplication;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.StringReader;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    @Autowired
    ElasticsearchIndex index;
    @Autowired
    SearchDocuments documents;

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void rebuildsIntoANewIndexWhileTheOldOneAnswersThenSwitches() throws Exception {
        projection.onReset();
        for (int i = 0; i < 40; i++) {
            projection.on(new ProductRegisteredEvent(new ProductId("a" + i), "Print " + i, "Artist", null, "coast",
                    List.of(), List.of(), List.of(new ProductVariant(new Sku("A" + i), PosterSize.A3, false,
                            PaperFinish.MATTE, Money.of("30.00", "EUR")))), 0, Instant.parse("2026-03-01T00:00:00Z"));
        }
        // afresh: the other tests' products are still in the index
        index.fill(index.createIndex(), copied -> { });
        indexer.catchUp();
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

    @Test
    void rebuildsAnIndexWithAnOlderMappingAndCountsFacetsTheSameBeforeAndAfter() throws Exception {
        projection.onReset();
        var sizes = List.of(PosterSize.A4, PosterSize.A3, PosterSize.A2, PosterSize.A1);
        for (int i = 0; i < 12; i++) {
            var size = sizes.get(i % 4);
            projection.on(new ProductRegisteredEvent(new ProductId("m" + i), "Print " + i, "Artist", null, "harbour",
                    List.of(), List.of(), List.of(
                    new ProductVariant(new Sku("M" + i), size, i % 3 == 0, PaperFinish.MATTE,
                            Money.of(Integer.toString(15 + 10 * i), "EUR")),
                    new ProductVariant(new Sku("N" + i), PosterSize.A1, true, PaperFinish.GLOSSY,
                            Money.of("95.00", "EUR")))), 0, Instant.parse("2026-03-01T00:00:00Z"));
        }
        // afresh: the other tests' products are still in the index
        index.fill(index.createIndex(), copied -> { });
        var coast = coast(Set.of());
        var coastInA3 = coast(Set.of(PosterSize.A3));
        var current = List.of(search.search(coast).facets(), search.search(coastInA3).facets());
        assertThat(current.get(0).size()).contains(new Count("A3", 3), new Count("A1", 12));
        assertThat(current.get(1).framed()).contains(new Count("false", 2), new Count("true", 1));

        // an index as a version before mapping versions built it: no version, no offers; another node put it
        // behind the alias, which this one learns within seconds
        var serving = client.indices().getAlias(a -> a.name("admin-products")).result().keySet().iterator().next();
        var older = "admin-products-older";
        var mapping = JSON.readTree(getClass().getResourceAsStream("/search/product-index.json"));
        ((ObjectNode) mapping.path("mappings")).remove("_meta");
        ((ObjectNode) mapping.path("mappings").path("properties")).remove("offers");
        var definition = mapping.toString().replace("${analyzer}", "standard");
        client.indices().create(c -> c.index(older).withJson(new StringReader(definition)));
        for (var document : documents.page("", 100)) {
            // written as the app writes it, through the client's own mapper
            var source = (ObjectNode) JSON.readTree(JsonpUtils.toJsonString(IndexedProduct.of(document),
                    client._jsonpMapper()));
            source.remove("offers");
            client.index(i -> i.index(older).id(document.productId()).withJson(new StringReader(source.toString())));
        }
        client.indices().refresh(r -> r.index(older));
        client.indices().updateAliases(u -> u.actions(a -> a.add(add -> add.index(older).alias("admin-products")))
                .actions(a -> a.remove(remove -> remove.index(serving).alias("admin-products"))));
        var deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (index.servesCurrentMapping() && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        assertThat(index.servesCurrentMapping()).isFalse();
        assertThat(List.of(search.search(coast).facets(), search.search(coastInA3).facets())).isEqualTo(current);

        // what the indexer does when it starts
        index.ensureExists();
        assertThat(index.current()).hasSize(1).doesNotContain(older);
        assertThat(client.indices().exists(e -> e.index(older)).value()).isFalse();
        assertThat(client.indices().getMapping(g -> g.index("admin-products")).result().values().iterator().next()
                .mappings().meta().get("mapping_version").to(Integer.class))
                .isEqualTo(ElasticsearchIndex.MAPPING_VERSION);
        assertThat(index.servesCurrentMapping()).isTrue();
        client.indices().refresh(r -> r.index("admin-products"));
        assertThat(List.of(search.search(coast).facets(), search.search(coastInA3).facets())).isEqualTo(current);
    }

    @Test
    void aSwapFromAnIndexTheAliasHasAlreadyLeftChangesNothing() throws Exception {
        index.ensureExists();
        var serving = index.current();
        // another node's rebuild moved the alias first: what this node saw behind it no longer is
        var seen = "admin-products-seen";
        var built = "admin-products-built";
        client.indices().create(c -> c.index(seen));
        client.indices().create(c -> c.index(built));
        try {
            assertThatThrownBy(() -> index.swap(built, List.of(seen))).isInstanceOf(ElasticsearchException.class);
            assertThat(index.current()).isEqualTo(serving);
        } finally {
            client.indices().delete(d -> d.index(List.of(seen, built)));
        }
    }

    @Test
    void twoNodesCreatingTheFirstIndexAtOnceLeaveOneBehindTheAlias() throws Exception {
        // the background round would write to the missing alias meanwhile
        indexer.stop();
        try {
            for (var serving : index.current()) {
                client.indices().delete(d -> d.index(serving));
            }
            assertThat(index.current()).isEmpty();
            // both nodes found no alias and built a first index; the other node put its own behind the alias first
            var theirs = index.createIndex();
            Thread.sleep(5); // index names carry the millisecond
            var ours = index.createIndex();
            assertThat(index.claimAlias(theirs)).isTrue();

            assertThat(index.claimAlias(ours)).isFalse();
            assertThat(index.current()).containsExactly(theirs);
            assertThat(client.indices().exists(e -> e.index(ours)).value()).isFalse();
        } finally {
            // a full index again for the other tests
            index.fill(index.createIndex(), copied -> { });
            indexer.start();
        }
    }

    private static SearchProductsQuery coast(Set<PosterSize> sizes) {
        return new SearchProductsQuery(null, Set.of("harbour"), null, sizes, null, null, null, null, null, false, null,
                0, 20);
    }

    private static SearchProductsQuery all() {
        return new SearchProductsQuery(null, null, null, null, null, null, null, null, null, false, null, 0, 20);
    }
}
