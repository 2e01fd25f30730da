package com.postr.query.search;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.TestPropertySource;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The search contract on PostgreSQL, the default engine: the tables are the index, so it is always caught up. */
@TestPropertySource(properties = "postr.search.engine=postgres")
class PostgresCatalogSearchTest extends CatalogSearchContract {

    @Autowired
    JdbcTemplate jdbc;

    @Override
    void loaded() {
    }

    @Override
    void caughtUp() {
    }

    @Test
    void theMigrationFillsTheVariantSummariesInTheLayoutTheProjectionWrites() throws Exception {
        var written = offers();
        var migration = new ClassPathResource(
                "db/migration/V2026.12.02.1__catalog_search_offers_and_filter_indexes.sql")
                .getContentAsString(StandardCharsets.UTF_8);
        var backfill = Pattern.compile("(?s)UPDATE catalog_search_product p SET \\(offers.*?;").matcher(migration);
        assertThat(backfill.find()).isTrue();

        jdbc.update("UPDATE catalog_search_product SET offers = 0, variant_offers = '{}', variant_prices = '{}',"
                + " variant_available = '{}'");
        jdbc.update(backfill.group());

        assertThat(offers()).isEqualTo(written);
        assertThat(written).hasSize(8).allSatisfy((product, row) -> assertThat(row).doesNotStartWith("0 {}"));
    }

    /** Each product's offers and its variants' bits, prices and units available, as text. */
    private Map<String, String> offers() {
        var offers = new HashMap<String, String>();
        jdbc.query("SELECT product_id, concat_ws(' ', offers, variant_offers, variant_prices, variant_available)"
                        + " FROM catalog_search_product",
                (org.springframework.jdbc.core.RowCallbackHandler) rs -> offers.put(rs.getString(1), rs.getString(2)));
        return offers;
    }
}
