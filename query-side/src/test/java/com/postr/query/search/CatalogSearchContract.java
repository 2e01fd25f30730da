package com.postr.query.search;

import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductDetailsChangedEvent;
import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductSearchResult;
import com.postr.api.catalog.ProductSearchResult.Count;
import com.postr.api.catalog.ProductSearchResult.Hit;
import com.postr.api.catalog.ProductSearchResult.PriceRange;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.ProductVariantAddedEvent;
import com.postr.api.catalog.SearchProductsQuery;
import com.postr.api.catalog.SearchSort;
import com.postr.api.catalog.Sku;
import com.postr.api.catalog.VariantPriceChangedEvent;
import com.postr.api.common.Money;
import com.postr.api.inventory.AdjustmentReason;
import com.postr.api.inventory.StockAdjustedEvent;
import com.postr.api.inventory.StockCommittedEvent;
import com.postr.api.inventory.StockReceivedEvent;
import com.postr.api.inventory.StockReleasedEvent;
import com.postr.api.inventory.StockReservedEvent;
import com.postr.query.QuerySideTestApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The search contract: the same events and the same expected answers for every engine. Each subclass only says how
 * its engine catches up with the search tables.
 */
@SpringBootTest(classes = {QuerySideTestApplication.class, SearchTestBeans.class})
abstract class CatalogSearchContract {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant LATER = T0.plusSeconds(3_600);

    @Autowired
    CatalogSearchProjection projection;
    @Autowired
    CatalogSearch search;

    /** The engine has everything the tables hold (a fresh build). */
    abstract void loaded() throws Exception;

    /** The engine has the changes made since {@link #loaded()}. */
    abstract void caughtUp() throws Exception;

    @BeforeEach
    void loadTheCatalog() throws Exception {
        projection.onReset();
        register(1, "Starry Night", "Vincent van Gogh", "post-impressionism", List.of("night", "village"),
                List.of("blue", "yellow"), "Swirling sky over a sleeping village",
                variant("P1-A3", PosterSize.A3, false, PaperFinish.MATTE, "29.99"),
                variant("P1-A2", PosterSize.A2, true, PaperFinish.GLOSSY, "79.00"));
        register(2, "The Great Wave off Kanagawa", "Hokusai", "ukiyo-e", List.of("sea", "japan"),
                List.of("blue", "white"), "A towering wave above three boats",
                variant("P2-A4", PosterSize.A4, false, PaperFinish.MATTE, "19.00"),
                variant("P2-A3", PosterSize.A3, true, PaperFinish.MATTE, "49.00"));
        register(3, "Sunflowers", "Vincent van Gogh", "post-impressionism", List.of("flowers"), List.of("yellow"),
                "Fifteen sunflowers in a vase",
                variant("P3-A2", PosterSize.A2, false, PaperFinish.GLOSSY, "39.00"),
                variant("P3-A1", PosterSize.A1, true, PaperFinish.MATTE, "120.00"));
        register(4, "Red Fuji", "Hokusai", "ukiyo-e", List.of("mountain", "japan"), List.of("red"),
                "Mount Fuji under a starry summer sky",
                variant("P4-A3", PosterSize.A3, false, PaperFinish.MATTE, "25.00"));
        register(5, "Water Lilies", "Claude Monet", "impressionism", List.of("pond", "flowers"),
                List.of("green", "blue"), "Lilies floating on the pond at Giverny",
                variant("P5-A2", PosterSize.A2, true, PaperFinish.GLOSSY, "85.00"));
        register(6, "Impression, Sunrise", "Claude Monet", "impressionism", List.of("harbour", "sun"),
                List.of("orange", "blue"), "Le Havre harbour in the morning mist",
                variant("P6-A3M", PosterSize.A3, false, PaperFinish.MATTE, "35.00"),
                variant("P6-A3G", PosterSize.A3, true, PaperFinish.GLOSSY, "65.00"));
        register(7, "The Night Watch", "Rembrandt", "baroque", List.of("militia"), List.of("brown"),
                "A militia company ready to march",
                variant("P7-A1", PosterSize.A1, true, PaperFinish.MATTE, "150.00"));
        register(8, "Café Terrace at Night", "Vincent van Gogh", "post-impressionism", List.of("cafe"),
                List.of("yellow", "blue"), "Evening on a terrace in \"Arles\" & its lanterns",
                variant("P8-A3", PosterSize.A3, false, PaperFinish.GLOSSY, "32.00"));

        // stock, from the SKUs' own streams: in stock now are P1-A3 (5), P3-A2 (1) and P8-A3 (2)
        projection.on(new StockReceivedEvent(new Sku("P1-A3"), 5, "po-1", 5), 0);
        projection.on(new StockReceivedEvent(new Sku("P3-A2"), 2, "po-1", 2), 0);
        projection.on(new StockReservedEvent(new Sku("P3-A2"), "o-1", 2, LATER, 0), 1);
        projection.on(new StockReleasedEvent(new Sku("P3-A2"), "o-1", 1, "partial", 1), 2);
        projection.on(new StockReceivedEvent(new Sku("P2-A3"), 3, "po-1", 3), 0);
        projection.on(new StockReservedEvent(new Sku("P2-A3"), "o-2", 3, LATER, 0), 1);
        projection.on(new StockReceivedEvent(new Sku("P7-A1"), 1, "po-1", 1), 0);
        projection.on(new StockReservedEvent(new Sku("P7-A1"), "o-3", 1, LATER, 0), 1);
        projection.on(new StockCommittedEvent(new Sku("P7-A1"), "o-3", 1, 0), 2);
        projection.on(new StockReceivedEvent(new Sku("P8-A3"), 4, "po-1", 4), 0);
        projection.on(new StockAdjustedEvent(new Sku("P8-A3"), -2, AdjustmentReason.DAMAGED, null, 2), 1);
        loaded();
    }

    // ---- words ----

    @Test
    void findsATitleDespiteTyposInEveryWord() {
        var result = search(words("stary nigt"));
        assertThat(ids(result)).containsExactly("p1");
        assertThat(result.hits().get(0).highlight().get("title")).isEqualTo("<em>Starry</em> <em>Night</em>");
    }

    @Test
    void findsAnArtistDespiteSwappedLetters() {
        assertThat(ids(search(words("hokusia")))).containsExactlyInAnyOrder("p2", "p4");
    }

    @Test
    void takesAWordTheCatalogUsesAsTyped() throws Exception {
        register(9, "Misty Garden", "Claude Monet", "impressionism", List.of(), List.of("green"), null,
                variant("P9-A3", PosterSize.A3, false, PaperFinish.MATTE, "30.00"));
        register(10, "Golden Hour", "Gustav Klimt", "symbolism", List.of(), List.of("gold"), null,
                variant("P10-A3", PosterSize.A3, false, PaperFinish.MATTE, "30.00"));
        caughtUp();
        // two edits apart, but each is a word of the catalog, so neither stands in for the other
        assertThat(ids(search(words("garden")))).containsExactly("p9");
        assertThat(ids(search(words("golden")))).containsExactly("p10");
        // a word the catalog does not use is still forgiven
        assertThat(ids(search(words("gardn")))).containsExactly("p9");
    }

    @Test
    void ranksATitleMatchAboveADescriptionMatch() {
        assertThat(ids(search(words("starry")))).containsExactly("p1", "p4");
    }

    @Test
    void needsEveryWordSomewhereInTheProduct() {
        assertThat(ids(search(words("night village")))).containsExactly("p1");
        assertThat(ids(search(words("night")))).containsExactlyInAnyOrder("p1", "p7", "p8");
        assertThat(ids(search(words("vincent flowers")))).containsExactly("p3");
        assertThat(ids(search(words("zebra")))).isEmpty();
    }

    @Test
    void highlightsMatchedWordsInEscapedText() {
        var hit = search(words("terrace")).hits().get(0);
        assertThat(hit.highlight().get("title")).isEqualTo("Café <em>Terrace</em> at Night");
        assertThat(hit.highlight().get("description"))
                .isEqualTo("Evening on a <em>terrace</em> in &quot;Arles&quot; &amp; its lanterns");
        assertThat(hit.highlight()).doesNotContainKey("artist");
    }

    @Test
    void listsTheWholeCatalogNewestFirstWithoutWords() {
        var result = search(query(null, SearchSort.NEWEST, 0, 20));
        assertThat(ids(result)).containsExactly("p8", "p7", "p6", "p5", "p4", "p3", "p2", "p1");
        assertThat(result.totalHits()).isEqualTo(8);
    }

    // ---- filters ----

    @Test
    void filtersByCategoryArtistAndColor() {
        assertThat(ids(search(query().categories(Set.of("ukiyo-e"))))).containsExactlyInAnyOrder("p2", "p4");
        assertThat(ids(search(query().artists(Set.of("Claude Monet"))))).containsExactlyInAnyOrder("p5", "p6");
        assertThat(ids(search(query().colors(Set.of("yellow"))))).containsExactlyInAnyOrder("p1", "p3", "p8");
    }

    @Test
    void repeatedValuesOfOneFilterCombineWithOr() {
        assertThat(ids(search(query().colors(Set.of("yellow", "red")))))
                .containsExactlyInAnyOrder("p1", "p3", "p4", "p8");
        assertThat(ids(search(query().sizes(Set.of(PosterSize.A3, PosterSize.A2)))))
                .containsExactlyInAnyOrder("p1", "p2", "p3", "p4", "p5", "p6", "p8");
    }

    @Test
    void variantFiltersMustHoldForTheSameVariant() {
        // Sunflowers has an unframed A2 and a framed A1: not a framed A2
        var result = search(query().sizes(Set.of(PosterSize.A2)).framed(true));
        assertThat(ids(result)).containsExactlyInAnyOrder("p1", "p5");
        assertThat(result.hits()).allSatisfy(hit -> assertThat(hit.variants()).singleElement()
                .satisfies(v -> assertThat(v.size()).isEqualTo(PosterSize.A2)));
    }

    @Test
    void filtersByFramePaperAndPriceRange() {
        assertThat(ids(search(query().framed(true)))).containsExactlyInAnyOrder("p1", "p2", "p3", "p5", "p6", "p7");
        assertThat(ids(search(query().papers(Set.of(PaperFinish.GLOSSY)))))
                .containsExactlyInAnyOrder("p1", "p3", "p5", "p6", "p8");
        var priced = search(query().price("30", "50").sort(SearchSort.PRICE_ASC));
        assertThat(ids(priced)).containsExactly("p8", "p6", "p3", "p2");
        assertThat(hit(priced, "p2").variants()).extracting(v -> v.sku().value()).containsExactly("P2-A3");
        assertThat(ids(search(query().price("29.99", "29.99")))).containsExactly("p1");
        // every variant facet filtered at once: a framed matte A3 between 40 and 50
        var all = search(query().sizes(Set.of(PosterSize.A3)).framed(true).papers(Set.of(PaperFinish.MATTE))
                .price("40", "50"));
        assertThat(ids(all)).containsExactly("p2");
        assertThat(all.facets().size()).containsExactly(count("A3", 1));
    }

    @Test
    void inStockMeansUnitsAvailableNowOnAMatchingVariant() {
        var result = search(query().inStock());
        assertThat(ids(result)).containsExactlyInAnyOrder("p1", "p3", "p8");
        assertThat(hit(result, "p1").variants()).singleElement().satisfies(v -> {
            assertThat(v.sku().value()).isEqualTo("P1-A3");
            assertThat(v.available()).isEqualTo(5);
        });
        assertThat(hit(result, "p3").variants()).singleElement()
                .satisfies(v -> assertThat(v.available()).isEqualTo(1));
    }

    @Test
    void showsEveryVariantWithItsPriceAndStockWhenNoVariantFilterIsGiven() {
        var p6 = hit(search(words("sunrise")), "p6");
        assertThat(p6.variants()).extracting(v -> v.sku().value(), v -> v.price(), v -> v.available())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("P6-A3M", Money.of("35.00", "EUR"), 0),
                        org.assertj.core.groups.Tuple.tuple("P6-A3G", Money.of("65.00", "EUR"), 0));
        assertThat(p6.title()).isEqualTo("Impression, Sunrise");
        assertThat(p6.artist()).isEqualTo("Claude Monet");
        assertThat(p6.category()).isEqualTo("impressionism");
    }

    @Test
    void aProductWithManyVariantsIsFilteredSortedAndCountedByTheVariantsThatPass() throws Exception {
        register(9, "Gondolas", "Canaletto", "vedute", List.of(), List.of("gold"), null,
                variant("P9-1", PosterSize.A4, false, PaperFinish.MATTE, "15.00"),
                variant("P9-2", PosterSize.A3, false, PaperFinish.MATTE, "25.00"),
                variant("P9-3", PosterSize.A3, true, PaperFinish.GLOSSY, "55.00"),
                variant("P9-4", PosterSize.A2, false, PaperFinish.MATTE, "45.00"),
                variant("P9-5", PosterSize.A2, true, PaperFinish.GLOSSY, "95.00"),
                variant("P9-6", PosterSize.A1, true, PaperFinish.MATTE, "130.00"));
        projection.on(new StockReceivedEvent(new Sku("P9-4"), 3, "po-3", 3), 0);
        caughtUp();

        var priced = search(query().words("gondolas").price("20", "60"));
        assertThat(hit(priced, "p9").variants()).extracting(v -> v.sku().value())
                .containsExactly("P9-2", "P9-4", "P9-3");
        assertThat(priced.facets().size()).containsExactlyInAnyOrder(count("A3", 1), count("A2", 1));
        assertThat(priced.facets().framed()).containsExactlyInAnyOrder(count("true", 1), count("false", 1));
        assertThat(priced.facets().paper()).containsExactlyInAnyOrder(count("MATTE", 1), count("GLOSSY", 1));
        assertThat(priced.facets().price()).containsExactly(range("0", "20", 1), range("20", "40", 1),
                range("40", "80", 1), range("80", null, 1));
        // the only framed A2 costs 95.00: it ranks by that, not by the product's cheapest or dearest variant
        assertThat(ids(search(query().sizes(Set.of(PosterSize.A2)).framed(true).sort(SearchSort.PRICE_ASC))))
                .containsExactly("p1", "p5", "p9");
        assertThat(ids(search(query().price("30", "60").sort(SearchSort.PRICE_ASC))))
                .containsExactly("p8", "p6", "p3", "p9", "p2");
        var stocked = search(query().words("gondolas").inStock());
        assertThat(hit(stocked, "p9").variants()).extracting(v -> v.sku().value()).containsExactly("P9-4");
        assertThat(stocked.facets().size()).containsExactly(count("A2", 1));
    }

    // ---- facets ----

    @Test
    void countsEachFacetUnderTheOtherFilters() {
        var facets = search(query().sizes(Set.of(PosterSize.A2))).facets();
        // the size facet ignores the size filter, so the other sizes still show
        assertThat(facets.size()).containsExactly(count("A4", 1), count("A3", 5), count("A2", 3), count("A1", 2));
        assertThat(facets.category()).containsExactly(count("post-impressionism", 2), count("impressionism", 1));
        assertThat(facets.artist()).containsExactly(count("Vincent van Gogh", 2), count("Claude Monet", 1));
        assertThat(facets.color()).containsExactly(count("blue", 2), count("yellow", 2), count("green", 1));
        assertThat(facets.framed()).containsExactly(count("true", 2), count("false", 1));
        assertThat(facets.paper()).containsExactly(count("GLOSSY", 3));
        assertThat(facets.price()).containsExactly(range("0", "20", 0), range("20", "40", 1), range("40", "80", 1),
                range("80", null, 1));
    }

    @Test
    void countsEachProductFilterUnderTheOthersWithoutWords() {
        var result = search(query().artists(Set.of("Vincent van Gogh")).colors(Set.of("blue")).framed(true));
        assertThat(ids(result)).containsExactly("p1");
        var facets = result.facets();
        // each product filter's own facet still counts the other values under the remaining filters
        assertThat(facets.artist()).containsExactly(count("Claude Monet", 2), count("Hokusai", 1),
                count("Vincent van Gogh", 1));
        assertThat(facets.color()).containsExactly(count("yellow", 2), count("blue", 1));
        assertThat(facets.category()).containsExactly(count("post-impressionism", 1));
        assertThat(facets.framed()).containsExactly(count("true", 1), count("false", 2));
        assertThat(facets.size()).containsExactly(count("A2", 1));

        facets = search(query().categories(Set.of("impressionism")).colors(Set.of("blue"))).facets();
        assertThat(facets.category()).containsExactly(count("impressionism", 2), count("post-impressionism", 2),
                count("ukiyo-e", 1));
        assertThat(facets.color()).containsExactly(count("blue", 2), count("green", 1), count("orange", 1));
    }

    @Test
    void facetsOfAProductFilterKeepTheirOwnOtherValues() {
        var facets = search(query().categories(Set.of("ukiyo-e")).words("japan")).facets();
        assertThat(facets.category()).containsExactly(count("ukiyo-e", 2));
        facets = search(query().categories(Set.of("baroque"))).facets();
        assertThat(facets.category()).containsExactly(count("post-impressionism", 3), count("impressionism", 2),
                count("ukiyo-e", 2), count("baroque", 1));
        assertThat(facets.artist()).containsExactly(count("Rembrandt", 1));
        assertThat(facets.price()).containsExactly(range("0", "20", 0), range("20", "40", 0), range("40", "80", 0),
                range("80", null, 1));
    }

    // ---- sorts and pages ----

    @Test
    void sortsByTheCheapestAndTheDearestMatchingVariant() {
        assertThat(ids(search(query().sort(SearchSort.PRICE_ASC))))
                .containsExactly("p2", "p4", "p1", "p8", "p6", "p3", "p5", "p7");
        assertThat(ids(search(query().sort(SearchSort.PRICE_DESC))))
                .containsExactly("p7", "p3", "p5", "p1", "p6", "p2", "p8", "p4");
    }

    @Test
    void pagesThroughResultsWithAStableTotal() {
        assertThat(ids(search(query(null, SearchSort.NEWEST, 0, 3)))).containsExactly("p8", "p7", "p6");
        assertThat(ids(search(query(null, SearchSort.NEWEST, 1, 3)))).containsExactly("p5", "p4", "p3");
        var last = search(query(null, SearchSort.NEWEST, 2, 3));
        assertThat(ids(last)).containsExactly("p2", "p1");
        assertThat(last.totalHits()).isEqualTo(8);
        var beyond = search(query(null, SearchSort.NEWEST, 3, 3));
        assertThat(beyond.hits()).isEmpty();
        assertThat(beyond.totalHits()).isEqualTo(8);
    }

    // ---- changes ----

    @Test
    void aDiscontinuedProductLeavesResultsAndFacets() throws Exception {
        projection.on(new ProductDiscontinuedEvent(new ProductId("p6"), "licence ended"), 1);
        caughtUp();
        assertThat(ids(search(words("sunrise")))).isEmpty();
        var monet = search(query().artists(Set.of("Claude Monet")));
        assertThat(ids(monet)).containsExactly("p5");
        assertThat(search(query()).facets().artist()).contains(count("Claude Monet", 1));
        assertThat(search(query()).totalHits()).isEqualTo(7);
    }

    @Test
    void followsStockAsItIsReservedAndReceived() throws Exception {
        projection.on(new StockReservedEvent(new Sku("P8-A3"), "o-9", 2, LATER, 0), 2);
        projection.on(new StockReceivedEvent(new Sku("P4-A3"), 7, "po-2", 7), 0);
        caughtUp();
        var result = search(query().inStock());
        assertThat(ids(result)).containsExactlyInAnyOrder("p1", "p3", "p4");
        assertThat(hit(result, "p4").variants()).singleElement().satisfies(v -> assertThat(v.available()).isEqualTo(7));
    }

    @Test
    void followsNewDetailsPricesAndVariants() throws Exception {
        projection.on(new ProductDetailsChangedEvent(new ProductId("p7"), "The Shooting Company", "Rembrandt",
                "A militia company ready to march", "baroque", List.of("militia"), List.of("brown")), 1);
        projection.on(new VariantPriceChangedEvent(new ProductId("p2"), new Sku("P2-A4"), Money.of("19.00", "EUR"),
                Money.of("45.00", "EUR")), 1);
        projection.on(new ProductVariantAddedEvent(new ProductId("p4"),
                variant("P4-A1", PosterSize.A1, true, PaperFinish.GLOSSY, "90.00")), 1);
        caughtUp();
        assertThat(ids(search(words("watch")))).isEmpty();
        assertThat(ids(search(words("shooting")))).containsExactly("p7");
        assertThat(hit(search(query().price("40", "50")), "p2").variants()).extracting(v -> v.sku().value())
                .containsExactly("P2-A4", "P2-A3");
        assertThat(ids(search(query().sizes(Set.of(PosterSize.A1))))).containsExactlyInAnyOrder("p3", "p4", "p7");
        // the whole catalog's facets follow too
        var facets = search(query()).facets();
        assertThat(facets.size()).containsExactly(count("A4", 1), count("A3", 5), count("A2", 3), count("A1", 3));
        assertThat(facets.price()).containsExactly(range("0", "20", 0), range("20", "40", 5), range("40", "80", 3),
                range("80", null, 4));
    }

    @Test
    void ignoresEventsItHasAlreadyApplied() throws Exception {
        projection.on(new ProductDetailsChangedEvent(new ProductId("p1"), "Old title", "x", null, "y", List.of(),
                List.of()), 1);
        projection.on(new ProductDetailsChangedEvent(new ProductId("p1"), "Older title", "z", null, "w", List.of(),
                List.of()), 1);
        projection.on(new StockReceivedEvent(new Sku("P1-A3"), 99, "po-0", 99), 0);
        register(1, "Replayed", "x", "y", List.of(), List.of(), null,
                variant("P1-A3", PosterSize.A3, false, PaperFinish.MATTE, "1.00"));
        caughtUp();
        assertThat(ids(search(words("old title")))).containsExactly("p1");
        assertThat(ids(search(words("older")))).isEmpty();
        assertThat(hit(search(query().inStock()), "p1").variants()).singleElement()
                .satisfies(v -> assertThat(v.available()).isEqualTo(5));
        var whole = search(query());
        assertThat(whole.totalHits()).isEqualTo(8);
        // p1 took category "y" from the first delivery of its change, once
        assertThat(whole.facets().category()).containsExactly(count("impressionism", 2),
                count("post-impressionism", 2), count("ukiyo-e", 2), count("baroque", 1), count("y", 1));
    }

    // ---- helpers ----

    private void register(int n, String title, String artist, String category, List<String> tags,
                          List<String> colors, String description, ProductVariant... variants) {
        projection.on(new ProductRegisteredEvent(new ProductId("p" + n), title, artist, description, category, tags,
                colors, List.of(variants)), 0, T0.plusSeconds(n));
    }

    private static ProductVariant variant(String sku, PosterSize size, boolean framed, PaperFinish paper,
                                          String price) {
        return new ProductVariant(new Sku(sku), size, framed, paper, Money.of(price, "EUR"));
    }

    private ProductSearchResult search(QueryBuilder query) {
        return search(query.build());
    }

    private ProductSearchResult search(SearchProductsQuery query) {
        return search.search(query);
    }

    private static SearchProductsQuery words(String text) {
        return query(text, null, 0, 20);
    }

    private static SearchProductsQuery query(String text, SearchSort sort, int page, int size) {
        return new SearchProductsQuery(text, null, null, null, null, null, null, null, null, false, sort, page, size);
    }

    private static QueryBuilder query() {
        return new QueryBuilder();
    }

    private static List<String> ids(ProductSearchResult result) {
        return result.hits().stream().map(h -> h.productId().value()).toList();
    }

    private static Hit hit(ProductSearchResult result, String id) {
        return result.hits().stream().filter(h -> h.productId().value().equals(id)).findFirst().orElseThrow();
    }

    private static Count count(String value, long count) {
        return new Count(value, count);
    }

    private static PriceRange range(String from, String to, long count) {
        return new PriceRange(new BigDecimal(from), to == null ? null : new BigDecimal(to), count);
    }

    private static final class QueryBuilder {
        private String text;
        private Set<String> categories = Set.of();
        private Set<String> artists = Set.of();
        private Set<PosterSize> sizes = Set.of();
        private Boolean framed;
        private Set<PaperFinish> papers = Set.of();
        private Set<String> colors = Set.of();
        private BigDecimal min;
        private BigDecimal max;
        private boolean inStock;
        private SearchSort sort;

        QueryBuilder words(String text) { this.text = text; return this; }
        QueryBuilder categories(Set<String> v) { categories = v; return this; }
        QueryBuilder artists(Set<String> v) { artists = v; return this; }
        QueryBuilder sizes(Set<PosterSize> v) { sizes = v; return this; }
        QueryBuilder framed(boolean v) { framed = v; return this; }
        QueryBuilder papers(Set<PaperFinish> v) { papers = v; return this; }
        QueryBuilder colors(Set<String> v) { colors = v; return this; }
        QueryBuilder price(String from, String to) { min = new BigDecimal(from); max = new BigDecimal(to); return this; }
        QueryBuilder inStock() { inStock = true; return this; }
        QueryBuilder sort(SearchSort v) { sort = v; return this; }

        SearchProductsQuery build() {
            return new SearchProductsQuery(text, categories, artists, sizes, framed, papers, colors, min, max,
                    inStock, sort, 0, 20);
        }
    }
}
