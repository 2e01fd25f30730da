package com.postr.query.search;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import java.time.Clock;

/** The search slice: its tables, its projection and the engine the properties choose. */
@Configuration(proxyBeanMethods = false)
@Import({SearchConfiguration.class, SearchDocuments.class, CatalogSearchProjection.class,
        SearchIndexAdministration.class})
class SearchTestBeans {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
