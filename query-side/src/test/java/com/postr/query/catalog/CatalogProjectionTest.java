package com.postr.query.catalog;

import com.postr.api.catalog.FetchProductQuery;
import com.postr.api.catalog.FindProductsQuery;
import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductDetailsChangedEvent;
import com.postr.api.catalog.ProductDiscontinuedEvent;
import com.postr.api.catalog.ProductId;
import com.postr.api.catalog.ProductRegisteredEvent;
import com.postr.api.catalog.ProductResponse;
import com.postr.api.catalog.ProductStatus;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.ProductVariantAddedEvent;
import com.postr.api.catalog.Sku;
import com.postr.api.catalog.VariantPriceChangedEvent;
import com.postr.api.common.Money;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.AutoConfigureTestDatabase;
import org.springframework.boot.test.autoconfigure.orm.jpa.DataJpaTest;
import org.springframework.context.annotation.Import;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@DataJpaTest
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(CatalogProjection.class)
class CatalogProjectionTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final ProductVariant A3 = new ProductVariant(new Sku("WAVE-A3"), PosterSize.A3, false,
            PaperFinish.MATTE, Money.of("29.99", "EUR"));

    @Autowired
    CatalogProjection projection;
    @Autowired
    EntityManager entityManager;

    private ProductRegisteredEvent registered(String id, String category) {
        return new ProductRegisteredEvent(new ProductId(id), "Great Wave", "Hokusai", "print", category,
                List.of("sea"), List.of("blue"), List.of(A3));
    }

    private ProductResponse fetch(String id) {
        entityManager.flush();
        entityManager.clear();
        return projection.handle(new FetchProductQuery(new ProductId(id))).orElseThrow();
    }

    @Test
    void showsARegisteredProductWithItsVariants() {
        projection.on(registered("prod_1", "japanese"), 0, T0);

        var product = fetch("prod_1");
        assertThat(product.title()).isEqualTo("Great Wave");
        assertThat(product.tags()).containsExactly("sea");
        assertThat(product.variants()).containsExactly(A3);
        assertThat(product.status()).isEqualTo(ProductStatus.ACTIVE);
        assertThat(product.version()).isZero();
        assertThat(product.createdAt()).isEqualTo(T0);
    }

    @Test
    void appliesEveryChangeAndTracksTheVersion() {
        projection.on(registered("prod_2", "japanese"), 0, T0);
        projection.on(new ProductDetailsChangedEvent(new ProductId("prod_2"), "Wave", "Hokusai", "new", "ukiyo-e",
                List.of(), List.of("indigo")), 1, T0.plusSeconds(1));
        projection.on(new VariantPriceChangedEvent(new ProductId("prod_2"), A3.sku(), A3.price(),
                Money.of("19.99", "EUR")), 2, T0.plusSeconds(2));
        var a2 = new ProductVariant(new Sku("WAVE-A2"), PosterSize.A2, true, PaperFinish.GLOSSY,
                Money.of("79.00", "EUR"));
        projection.on(new ProductVariantAddedEvent(new ProductId("prod_2"), a2), 3, T0.plusSeconds(3));
        projection.on(new ProductDiscontinuedEvent(new ProductId("prod_2"), "licence expired"), 4, T0.plusSeconds(4));

        var product = fetch("prod_2");
        assertThat(product.title()).isEqualTo("Wave");
        assertThat(product.category()).isEqualTo("ukiyo-e");
        assertThat(product.colors()).containsExactly("indigo");
        assertThat(product.variants()).extracting(ProductVariant::price)
                .containsExactly(Money.of("19.99", "EUR"), Money.of("79.00", "EUR"));
        assertThat(product.status()).isEqualTo(ProductStatus.DISCONTINUED);
        assertThat(product.discontinuedReason()).isEqualTo("licence expired");
        assertThat(product.version()).isEqualTo(4);
        assertThat(product.updatedAt()).isEqualTo(T0.plusSeconds(4));
    }

    @Test
    void ignoresEventsItHasAlreadyApplied() {
        projection.on(registered("prod_3", "japanese"), 0, T0);
        var change = new VariantPriceChangedEvent(new ProductId("prod_3"), A3.sku(), A3.price(),
                Money.of("9.99", "EUR"));
        projection.on(change, 1, T0.plusSeconds(1));
        // a replay delivers the creation and the change again
        projection.on(registered("prod_3", "japanese"), 0, T0);
        projection.on(new ProductDetailsChangedEvent(new ProductId("prod_3"), "Older", "x", null, "y", List.of(),
                List.of()), 1, T0.plusSeconds(1));

        var product = fetch("prod_3");
        assertThat(product.title()).isEqualTo("Great Wave");
        assertThat(product.variants()).extracting(ProductVariant::price).containsExactly(Money.of("9.99", "EUR"));
        assertThat(product.version()).isEqualTo(1);
    }

    @Test
    void refusesAChangeToAProductItHasNotSeenSoTheEventIsRetried() {
        var orphan = new ProductDiscontinuedEvent(new ProductId("prod_missing"), null);
        assertThatThrownBy(() -> projection.on(orphan, 3, T0)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pagesAndFiltersTheCatalogNewestFirst() {
        for (int i = 0; i < 5; i++) {
            projection.on(registered("prod_p" + i, i % 2 == 0 ? "even" : "odd"), 0, T0.plusSeconds(i));
        }
        entityManager.flush();

        var firstPage = projection.handle(new FindProductsQuery(0, 2, null, null, null));
        assertThat(firstPage.totalItems()).isGreaterThanOrEqualTo(5);
        assertThat(firstPage.items()).hasSize(2);

        var even = projection.handle(new FindProductsQuery(0, 10, null, "even", null));
        assertThat(even.items()).extracting(p -> p.productId().value()).containsExactly("prod_p4", "prod_p2", "prod_p0");
        assertThat(even.totalItems()).isEqualTo(3);
        assertThat(even.totalPages()).isEqualTo(1);

        var secondOfTwo = projection.handle(new FindProductsQuery(1, 2, null, "even", null));
        assertThat(secondOfTwo.items()).extracting(p -> p.productId().value()).containsExactly("prod_p0");
    }

    @Test
    void clearsTheReadModelOnReset() {
        projection.on(registered("prod_r", "japanese"), 0, T0);
        entityManager.flush();
        projection.onReset();
        entityManager.clear(); // a reset runs in its own transaction; nothing cached survives it
        assertThat(projection.handle(new FetchProductQuery(new ProductId("prod_r")))).isEmpty();
    }
}
