package com.postr.query.search;

import org.springframework.test.context.TestPropertySource;

/** The search contract on PostgreSQL, the default engine: the tables are the index, so it is always caught up. */
@TestPropertySource(properties = "postr.search.engine=postgres")
class PostgresCatalogSearchTest extends CatalogSearchContract {

    @Override
    void loaded() {
    }

    @Override
    void caughtUp() {
    }
}
