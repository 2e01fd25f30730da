package com.postr.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The search contract on a real Elasticsearch node. */
// its indexer must stop with the class: every context shares the search tables, and another's indexer would
// mark rows as sent to an index it never sent them to
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ElasticsearchCatalogSearchTest extends CatalogSearchContract {

    @DynamicPropertySource
    static void elasticsearch(DynamicPropertyRegistry registry) {
        registry.add("postr.search.engine", () -> "elasticsearch");
        registry.add("postr.search.elasticsearch.uris", () -> ElasticsearchNode.uri().toString());
        registry.add("postr.search.elasticsearch.index", () -> "contract-products");
    }

    @Autowired
    ElasticsearchIndex index;
    @Autowired
    ElasticsearchIndexer indexer;
    @Autowired
    ElasticsearchClient client;

    @Override
    void loaded() throws Exception {
        // each test starts from other events than the last one left in the index: build it afresh
        index.fill(index.createIndex(), copied -> { });
        caughtUp();
    }

    @Override
    void caughtUp() throws Exception {
        indexer.catchUp();
        client.indices().refresh(r -> r.index(index.alias()));
    }
}
