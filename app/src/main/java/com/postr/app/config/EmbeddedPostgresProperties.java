package com.postr.app.config;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.nio.file.Path;

/**
 * The embedded PostgreSQL that runs when no datasource URL is configured.
 *
 * @param dataDir       where the cluster lives; survives restarts
 * @param port          0 picks a free port at each start
 * @param cleanOnStart  wipe the data directory first, and delete it at shutdown (tests only)
 * @param database      the database the application uses inside the cluster
 */
@ConfigurationProperties("postr.embedded-postgres")
public record EmbeddedPostgresProperties(@DefaultValue("./data/postgres") Path dataDir,
                                         @DefaultValue("0") int port,
                                         @DefaultValue("false") boolean cleanOnStart,
                                         @DefaultValue("postr") String database) {
    public EmbeddedPostgresProperties {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("postr.embedded-postgres.port must be 0 (any free port) to 65535");
        }
        if (database == null || !database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("postr.embedded-postgres.database must be a plain identifier "
                    + "(lower-case letters, digits, underscores), not '" + database + "'");
        }
    }
}
