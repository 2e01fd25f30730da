package com.postr.query.search;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Which engine answers catalog search, and how it is reached.
 *
 * @param engine        {@code postgres} or {@code elasticsearch}; unset, Elasticsearch when its URIs are set
 * @param postgres      settings of the PostgreSQL engine
 * @param elasticsearch settings of the Elasticsearch engine
 */
@ConfigurationProperties("postr.search")
public record SearchProperties(Engine engine, @DefaultValue Postgres postgres,
                               @DefaultValue Elasticsearch elasticsearch) {

    public enum Engine { POSTGRES, ELASTICSEARCH }

    private static final Pattern INDEX_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,200}");

    public SearchProperties {
        if (engine == null) {
            engine = elasticsearch.uris().isEmpty() ? Engine.POSTGRES : Engine.ELASTICSEARCH;
        }
        if (engine == Engine.ELASTICSEARCH && elasticsearch.uris().isEmpty()) {
            throw new IllegalArgumentException(
                    "postr.search.engine=elasticsearch needs postr.search.elasticsearch.uris (http://host:9200,...)");
        }
    }

    /**
     * @param textConfig the text search configuration ({@code simple}: no stemming, any language; {@code english}
     *                   stems English words)
     * @param similarity how alike (pg_trgm similarity, 0 to 1) a catalog word must be to a typed word to be
     *                   considered as its correct spelling; the edit rule then decides
     */
    public record Postgres(@DefaultValue("simple") String textConfig, @DefaultValue("0.2") double similarity) {
        public Postgres {
            if (!textConfig.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("postr.search.postgres.text-config is not a configuration name: "
                        + textConfig);
            }
            if (!(similarity > 0 && similarity <= 1)) {
                throw new IllegalArgumentException("postr.search.postgres.similarity must be in (0, 1]");
            }
        }
    }

    /**
     * @param uris           the cluster's HTTP endpoints
     * @param index          the alias searched; each build of the index is a new index behind it
     * @param analyzer       analyzer of the text fields; {@code standard} exists everywhere, {@code english} needs
     *                       the analysis-common module of a full distribution
     * @param username       basic-auth user, if the cluster has security on
     * @param password       its password
     * @param requestTimeout bound of one request; a search that takes longer answers 503
     * @param batchSize      documents per bulk request
     */
    public record Elasticsearch(@DefaultValue List<URI> uris, @DefaultValue("postr-products") String index,
                                @DefaultValue("standard") String analyzer, String username, String password,
                                @DefaultValue("5s") Duration requestTimeout, @DefaultValue("500") int batchSize) {
        public Elasticsearch {
            if (!INDEX_NAME.matcher(index).matches()) {
                throw new IllegalArgumentException("postr.search.elasticsearch.index must be a lower-case index name");
            }
            if (analyzer.isBlank()) {
                throw new IllegalArgumentException("postr.search.elasticsearch.analyzer must not be blank");
            }
            if (requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("postr.search.elasticsearch.request-timeout must be positive");
            }
            if (batchSize < 1 || batchSize > 10_000) {
                throw new IllegalArgumentException("postr.search.elasticsearch.batch-size must be in 1..10000");
            }
            for (var uri : uris) {
                if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                    throw new IllegalArgumentException("postr.search.elasticsearch.uris: not an http(s) URI: " + uri);
                }
            }
        }
    }
}
