package com.postr.query.search;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.elasticsearch.client.RestClient;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;

import java.time.Clock;

/** Wires the engine {@code postr.search.engine} names; only the Elasticsearch one needs a client and an indexer. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SearchProperties.class)
class SearchConfiguration {

    @Configuration(proxyBeanMethods = false)
    @Conditional(OnEngine.Postgres.class)
    static class Postgres {

        @Bean
        CatalogSearch catalogSearch(NamedParameterJdbcTemplate jdbc, PlatformTransactionManager transactions,
                                    SearchProperties properties, SearchDocuments documents) {
            return new PostgresCatalogSearch(jdbc, transactions, properties.postgres(), documents);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @Conditional(OnEngine.Elasticsearch.class)
    static class Elasticsearch {

        @Bean(destroyMethod = "close")
        RestClient searchRestClient(SearchProperties properties) {
            var settings = properties.elasticsearch();
            var timeout = (int) settings.requestTimeout().toMillis();
            var builder = RestClient.builder(settings.uris().stream().map(u -> HttpHost.create(u.toString()))
                            .toArray(HttpHost[]::new))
                    .setRequestConfigCallback(c -> c.setConnectTimeout(timeout).setSocketTimeout(timeout));
            if (settings.username() != null) {
                var credentials = new BasicCredentialsProvider();
                credentials.setCredentials(AuthScope.ANY,
                        new UsernamePasswordCredentials(settings.username(), settings.password()));
                builder.setHttpClientConfigCallback(c -> c.setDefaultCredentialsProvider(credentials));
            }
            return builder.build();
        }

        @Bean
        ElasticsearchClient searchClient(RestClient searchRestClient) {
            var json = new ObjectMapper().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            return new ElasticsearchClient(new RestClientTransport(searchRestClient, new JacksonJsonpMapper(json)));
        }

        @Bean
        ElasticsearchIndex searchIndex(ElasticsearchClient searchClient, SearchDocuments documents,
                                       PlatformTransactionManager transactions, SearchProperties properties,
                                       Clock clock) {
            return new ElasticsearchIndex(searchClient, documents, transactions, properties.elasticsearch(), clock);
        }

        @Bean
        ElasticsearchIndexer searchIndexer(ElasticsearchIndex searchIndex) {
            return new ElasticsearchIndexer(searchIndex);
        }

        @Bean
        CatalogSearch catalogSearch(ElasticsearchClient searchClient, ElasticsearchIndex searchIndex,
                                    SearchDocuments documents) {
            return new ElasticsearchCatalogSearch(searchClient, searchIndex, documents);
        }
    }

    /** The engine is derived (Elasticsearch when its URIs are set), so it is read through the properties record. */
    abstract static class OnEngine implements Condition {

        private final SearchProperties.Engine engine;

        OnEngine(SearchProperties.Engine engine) {
            this.engine = engine;
        }

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            var properties = Binder.get(context.getEnvironment()).bind("postr.search", SearchProperties.class)
                    .orElseGet(() -> Binder.get(context.getEnvironment())
                            .bindOrCreate("postr.search", SearchProperties.class));
            return properties.engine() == engine;
        }

        static final class Postgres extends OnEngine {
            Postgres() {
                super(SearchProperties.Engine.POSTGRES);
            }
        }

        static final class Elasticsearch extends OnEngine {
            Elasticsearch() {
                super(SearchProperties.Engine.ELASTICSEARCH);
            }
        }
    }
}
