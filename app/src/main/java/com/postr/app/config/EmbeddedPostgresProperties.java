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
 * @param sharedBuffers PostgreSQL's own cache ({@code shared_buffers}); its default of 128MB is too small to hold
 *                      the read models, and what falls out of it is read from the OS page cache, which idle
 *                      machines and containers reclaim
 */
@ConfigurationProperties("postr.embedded-postgres")
public record EmbeddedPostgresProperties(@DefaultValue("./data/postgres") Path dataDir,
                                         @DefaultValue("0") int port,
                                         @DefaultValue("false") boolean cleanOnStart,
                                         @DefaultValue("postr") String database,
                                         @DefaultValue("512MB") String sharedBuffers) {
    public EmbeddedPostgresProperties {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("postr.embedded-postgres.port must be 0 (any free port) to 65535");
        }
        if (sharedBuffers == null || !sharedBuffers.matches("[1-9][0-9]{0,6}(kB|MB|GB)")) {
            throw new IllegalArgumentException("postr.embedded-postgres.shared-buffers must be a size such as 512MB, "
                    + "not '" + sharedBuffers + "'");
        }
        if (database == null || !database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("postr.embedded-postgres.database must be a plain identifier "
                    + "(lower-case letters, digits, underscores), not '" + database + "'");
        }
    }
}
