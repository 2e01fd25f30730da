package com.postr.query.rebuild;

import com.postr.api.common.CommandRejectedException;
import com.postr.api.common.RejectionCode;
import com.postr.api.projection.CancelProjectionRebuildCommand;
import com.postr.api.projection.FetchProjectionRebuildQuery;
import com.postr.api.projection.ProjectionRebuild;
import com.postr.api.projection.StartProjectionRebuildCommand;
import jakarta.persistence.EntityManager;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.queryhandling.QueryHandler;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Rebuilds a projection beside the version that serves. Its tables are created empty in a schema of their own
 * ({@code rebuild_<id>}) and filled from the event store ({@link EventScan}) in chunks, which
 * {@code postr.rebuilds.segments} writers apply side by side, each to its own keys, in transactions whose
 * search_path points there. Once it has caught up, the live processor is stopped, the rebuild drains what came
 * meanwhile, and one transaction moves the serving tables into {@code retired_<id>}, the rebuilt ones into their
 * place, and gives the live processor the rebuild's position. Readers see the old version or the new one, never an
 * empty or half-built one; the retired version is dropped after {@code postr.rebuilds.grace-period}.
 */
@Component
@EnableConfigurationProperties(RebuildProperties.class)
public class ProjectionRebuilds {

    private static final Logger log = LoggerFactory.getLogger(ProjectionRebuilds.class);

    private final Map<String, RebuildTarget> targets;
    private final org.axonframework.config.Configuration axon;
    private final EventProcessingConfiguration processing;
    private final TransactionTemplate transactions;
    private final EntityManager entityManager;
    private final JdbcTemplate jdbc;
    private final Serializer serializer;
    private final Clock clock;
    private final RebuildProperties properties;
    private final Duration gapTimeout;
    private final int maxGapOffset;
    private final Map<String, Run> runs = new ConcurrentHashMap<>();
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "projection-rebuild");
        thread.setDaemon(true);
        return thread;
    });
    private final ExecutorService writers = Executors.newCachedThreadPool(runnable -> {
        var thread = new Thread(runnable, "projection-rebuild-segment");
        thread.setDaemon(true);
        return thread;
    });

    ProjectionRebuilds(List<RebuildTarget> targets, org.axonframework.config.Configuration axon,
                       EventProcessingConfiguration processing, PlatformTransactionManager transactions,
                       EntityManager entityManager, JdbcTemplate jdbc, Serializer serializer, Clock clock,
                       RebuildProperties properties,
                       // the storage engine's gap rules (app's EventStorageProperties), so the token handed over keeps them
                       @Value("${postr.events.gap-timeout:10m}") Duration gapTimeout,
                       @Value("${postr.events.max-gap-offset:1000000}") int maxGapOffset) {
        this.targets = targets.stream().collect(Collectors.toMap(RebuildTarget::projection, Function.identity()));
        this.axon = axon;
        this.processing = processing;
        this.transactions = new TransactionTemplate(transactions);
        this.entityManager = entityManager;
        this.jdbc = jdbc;
        this.serializer = serializer;
        this.clock = clock;
        this.properties = properties;
        this.gapTimeout = gapTimeout;
        this.maxGapOffset = maxGapOffset;
    }

    enum Status { RUNNING, SWITCHING, COMPLETED, CANCELLED, FAILED }

    private final class Run {
        final String id;
        final String projection;
        final Instant startedAt;
        volatile Status status = Status.RUNNING;
        volatile Instant finishedAt;
        volatile long firstPosition = -1;
        volatile long position = -1;
        volatile long head;
        volatile long applied;
        volatile long skipped;
        volatile String error;
        volatile boolean cancelled;

        Run(String id, String projection, Instant startedAt) {
            this.id = id;
            this.projection = projection;
            this.startedAt = startedAt;
        }

        boolean active() {
            return status == Status.RUNNING || status == Status.SWITCHING;
        }

        ProjectionRebuild view() {
            var end = finishedAt == null ? clock.instant() : finishedAt;
            double seconds = Math.max(0.001, Duration.between(startedAt, end).toMillis() / 1000.0);
            double rate = applied / seconds;
            double positionRate = (position - Math.max(firstPosition, 0)) / seconds;
            Long eta = status != Status.RUNNING || positionRate <= 0 ? null
                    : (long) Math.ceil(Math.max(0, head - position) / positionRate);
            double percent = status == Status.COMPLETED || head <= 0 ? (status == Status.COMPLETED ? 100.0 : 0.0)
                    : Math.min(100.0, Math.round(Math.max(0, position) * 1000.0 / head) / 10.0);
            return new ProjectionRebuild(id, projection, status.name(), startedAt, finishedAt, position, head,
                    percent, applied, Math.round(rate * 10) / 10.0, eta, skipped, error);
        }
    }

    @CommandHandler
    ProjectionRebuild handle(StartProjectionRebuildCommand command) {
        var target = target(command.projection());
        Run run;
        synchronized (runs) {
            var running = runs.values().stream().filter(r -> r.projection.equals(target.projection()) && r.active())
                    .findFirst();
            if (running.isPresent()) {
                throw new CommandRejectedException(RejectionCode.INVALID_STATE_TRANSITION, "A rebuild of '"
                        + target.projection() + "' is already running", Map.of("id", running.get().id));
            }
            run = new Run(UUID.randomUUID().toString().replace("-", "").substring(0, 12), target.projection(),
                    clock.instant());
            runs.put(run.id, run);
        }
        executor.submit(() -> execute(run, target));
        return run.view();
    }

    @CommandHandler
    ProjectionRebuild handle(CancelProjectionRebuildCommand command) throws InterruptedException {
        var run = find(command.projection(), command.id());
        if (run.status != Status.RUNNING) {
            throw new CommandRejectedException(RejectionCode.INVALID_STATE_TRANSITION, "The rebuild is "
                    + run.status.name().toLowerCase(Locale.ROOT) + " and can no longer be cancelled",
                    Map.of("id", run.id, "status", run.status.name()));
        }
        run.cancelled = true;
        for (int i = 0; i < 300 && run.active(); i++) {
            TimeUnit.MILLISECONDS.sleep(100); // it stops between two chunks
        }
        return run.view();
    }

    @QueryHandler
    ProjectionRebuild handle(FetchProjectionRebuildQuery query) {
        var run = runs.get(query.id());
        return run == null || !run.projection.equals(query.projection()) ? null : run.view();
    }

    private RebuildTarget target(String projection) {
        var target = targets.get(projection);
        if (target == null) {
            throw new CommandRejectedException(RejectionCode.NOT_FOUND, "No projection '" + projection
                    + "' that can be rebuilt; these can: " + targets.keySet(), Map.of("id", String.valueOf(projection)));
        }
        return target;
    }

    private Run find(String projection, String id) {
        var run = runs.get(id);
        if (run == null || !run.projection.equals(projection)) {
            throw new CommandRejectedException(RejectionCode.NOT_FOUND, "No rebuild '" + id + "' of '" + projection
                    + "'", Map.of("id", String.valueOf(id)));
        }
        return run;
    }

    private void execute(Run run, RebuildTarget target) {
        var building = "rebuild_" + run.id;
        try {
            run.head = head();
            var segments = new ArrayList<RebuildTarget.Run>();
            for (int i = 0; i < properties.segments(); i++) {
                segments.add(target.start());
            }
            createVersion(building, target.tables());
            try (var reader = new Reader(new EventScan(jdbc, serializer, axon.upcasterChain(), gapTimeout,
                    maxGapOffset, clock))) {
                TrackingToken last = null;
                Chunk chunk;
                // caught up once it reaches the head it last looked at: writes go on, so the stream is rarely empty
                while (run.position < run.head || run.position < 0) {
                    chunk = reader.next(500);
                    if (chunk == null) {
                        break;
                    }
                    if (run.cancelled) {
                        dropQuietly(building);
                        finish(run, Status.CANCELLED, null);
                        return;
                    }
                    last = apply(building, target, segments, chunk, run);
                }
                buildIndexes(building, target.tables());
                run.status = Status.SWITCHING;
                var live = processing.eventProcessor(target.projection()).orElse(null);
                boolean wasRunning = live != null && live.isRunning();
                if (live != null) {
                    live.shutDown();
                }
                try {
                    // what was appended until the live processor stopped; later events are the live processor's
                    long until = head();
                    while (run.position < until && (chunk = reader.next(200)) != null) {
                        last = apply(building, target, segments, chunk, run);
                    }
                    switchTo(building, run, target, last);
                } finally {
                    if (wasRunning) {
                        live.start();
                    }
                }
            }
            finish(run, Status.COMPLETED, null);
            log.info("Rebuilt {} from {} events in {}", target.projection(), run.applied,
                    Duration.between(run.startedAt, run.finishedAt));
        } catch (RuntimeException | InterruptedException | ExecutionException e) {
            var cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            log.error("Rebuild {} of {} failed; the serving version is untouched", run.id, target.projection(), cause);
            dropQuietly(building);
            finish(run, Status.FAILED, cause.getMessage() == null ? cause.getClass().getSimpleName()
                    : cause.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Events read together, and where the scan stood after them. */
    private record Chunk(List<StoredEvent> events, TrackingToken token) {
        long position() {
            return token.position().orElseThrow();
        }
    }

    /**
     * Reads and deserializes the next chunks on a thread of its own while the segments write the previous one:
     * the rebuild's halves, JSON in and rows out, then run on all cores.
     */
    private final class Reader implements AutoCloseable {

        private final EventScan scan;
        private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(2);
        private final Thread thread;
        private volatile boolean closed;
        private volatile RuntimeException failure;

        Reader(EventScan scan) {
            this.scan = scan;
            this.thread = new Thread(this::read, "projection-rebuild-reader");
            thread.setDaemon(true);
            thread.start();
        }

        private void read() {
            try {
                while (!closed) {
                    var events = scan.next(properties.chunkSize());
                    if (events.isEmpty()) {
                        TimeUnit.MILLISECONDS.sleep(50); // nothing new for now
                        continue;
                    }
                    var chunk = new Chunk(events, scan.token());
                    while (!closed && !chunks.offer(chunk, 100, TimeUnit.MILLISECONDS)) {
                        // the writers are behind
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure = e;
            }
        }

        /** The next chunk; null when nothing came within {@code waitMillis}. */
        Chunk next(long waitMillis) throws InterruptedException {
            var chunk = chunks.poll(waitMillis, TimeUnit.MILLISECONDS);
            if (failure != null) {
                throw failure;
            }
            return chunk;
        }

        @Override
        public void close() throws InterruptedException {
            closed = true;
            thread.join(10_000);
        }
    }

    private void finish(Run run, Status status, String error) {
        run.error = error;
        run.finishedAt = clock.instant();
        run.status = status;
    }

    private void createVersion(String schema, List<String> tables) {
        transactions.executeWithoutResult(tx -> {
            jdbc.execute("CREATE SCHEMA " + schema);
            jdbc.execute("COMMENT ON SCHEMA " + schema + " IS '" + clock.instant() + "'");
            for (var table : tables) {
                jdbc.execute("CREATE TABLE " + schema + "." + table + " (LIKE public." + table + " INCLUDING ALL)");
                // bulk loading is several times faster without the secondary indexes; they are built at the end
                for (var index : secondaryIndexes(schema, table).keySet()) {
                    jdbc.execute("DROP INDEX " + schema + "." + index);
                }
            }
        });
    }

    /** The serving version's secondary indexes, built on the rebuilt tables once they are loaded. */
    private void buildIndexes(String schema, List<String> tables) {
        transactions.executeWithoutResult(tx -> {
            for (var table : tables) {
                secondaryIndexes("public", table).values().forEach(definition -> jdbc.execute(
                        definition.replace(" ON public." + table + " ", " ON " + schema + "." + table + " ")));
            }
        });
    }

    /** Indexes that back no primary key or unique constraint, by name, with their definitions. */
    private Map<String, String> secondaryIndexes(String schema, String table) {
        var found = new HashMap<String, String>();
        jdbc.query("""
                SELECT i.relname, pg_get_indexdef(x.indexrelid) FROM pg_index x
                JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
                JOIN pg_namespace n ON n.oid = t.relnamespace
                WHERE n.nspname = ? AND t.relname = ? AND NOT x.indisprimary AND NOT x.indisunique""",
                row -> {
                    found.put(row.getString(1), row.getString(2));
                }, schema, table);
        return found;
    }

    /**
     * Applies a chunk: each segment its share, in its own transaction, side by side. A failure in any fails the
     * rebuild, whose version is then dropped whole, so segments need not commit together.
     */
    private TrackingToken apply(String schema, RebuildTarget target, List<RebuildTarget.Run> segments, Chunk chunk,
                                Run run) throws InterruptedException, ExecutionException {
        var shares = new ArrayList<List<StoredEvent>>();
        for (int i = 0; i < segments.size(); i++) {
            shares.add(new ArrayList<>(chunk.events().size() / segments.size() + 16));
        }
        for (var event : chunk.events()) {
            var key = target.keyOf(event.payload());
            if (key != null) {
                shares.get(Math.floorMod(key.hashCode(), segments.size())).add(event);
            }
        }
        var pending = new ArrayList<Future<Integer>>();
        for (int i = 1; i < segments.size(); i++) {
            var segment = segments.get(i);
            var share = shares.get(i);
            if (!share.isEmpty()) {
                pending.add(writers.submit(() -> write(schema, segment, share)));
            }
        }
        int skipped = shares.get(0).isEmpty() ? 0 : write(schema, segments.get(0), shares.get(0));
        for (var share : pending) {
            skipped += share.get();
        }
        if (run.firstPosition < 0) {
            run.firstPosition = chunk.events().get(0).position();
        }
        run.position = chunk.position();
        run.applied += chunk.events().size();
        run.skipped += skipped;
        run.head = Math.max(head(), chunk.position());
        return chunk.token();
    }

    private int write(String schema, RebuildTarget.Run segment, List<StoredEvent> events) {
        return transactions.execute(tx -> {
            entityManager.createNativeQuery("SET LOCAL search_path TO " + schema + ", public").executeUpdate();
            // a crash loses the unfinished version anyway: no need to wait for each chunk to reach the disk
            entityManager.createNativeQuery("SET LOCAL synchronous_commit = off").executeUpdate();
            return segment.apply(events);
        });
    }

    /** One transaction: derived rows, the version swap, and the live processor's new position. */
    private void switchTo(String building, Run run, RebuildTarget target, TrackingToken position) {
        var retired = "retired_" + run.id;
        transactions.executeWithoutResult(tx -> {
            jdbc.execute("SET LOCAL lock_timeout = '30s'"); // readers and the old writers finish first
            entityManager.createNativeQuery("SET LOCAL search_path TO " + building + ", public").executeUpdate();
            target.complete();
            entityManager.createNativeQuery("SET LOCAL search_path TO public").executeUpdate();
            var names = new HashMap<String, Map<String, String>>();
            for (var table : target.tables()) {
                names.put(table, indexes("public", table));
            }
            jdbc.execute("CREATE SCHEMA " + retired);
            jdbc.execute("COMMENT ON SCHEMA " + retired + " IS '" + clock.instant() + "'");
            for (var table : target.tables()) {
                jdbc.execute("ALTER TABLE public." + table + " SET SCHEMA " + retired);
            }
            for (var table : target.tables()) {
                jdbc.execute("ALTER TABLE " + building + "." + table + " SET SCHEMA public");
                // LIKE named the copies' indexes itself: give them the names migrations know
                indexes("public", table).forEach((definition, name) -> {
                    var original = names.get(table).get(definition);
                    if (original != null && !original.equals(name)) {
                        jdbc.execute("ALTER INDEX public." + name + " RENAME TO " + original);
                    }
                });
            }
            jdbc.execute("DROP SCHEMA " + building);
            if (position != null) {
                var token = serializer.serialize(position, byte[].class);
                int moved = jdbc.update("UPDATE token_entry SET token = ?, token_type = ?, owner = NULL,"
                                + " timestamp = ? WHERE processor_name = ?", token.getData(), token.getType().getName(),
                        clock.instant().toString(), target.projection());
                if (moved == 0) {
                    jdbc.update("INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp)"
                                    + " VALUES (?, 0, ?, ?, ?)", target.projection(), token.getData(),
                            token.getType().getName(), clock.instant().toString());
                }
            }
        });
    }

    /** A table's indexes by their definition without name and schema, to match a copy's to the original's. */
    private Map<String, String> indexes(String schema, String table) {
        var found = new HashMap<String, String>();
        jdbc.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = ? AND tablename = ?", row -> {
            var definition = row.getString(2);
            found.put(definition.substring(definition.indexOf(" USING ")), row.getString(1));
        }, schema, table);
        return found;
    }

    private long head() {
        var head = jdbc.queryForObject("SELECT max(global_index) FROM domain_event_entry", Long.class);
        return head == null ? -1 : head;
    }

    private void dropQuietly(String schema) {
        try {
            jdbc.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        } catch (RuntimeException e) {
            log.warn("Could not drop {}; drop it by hand", schema, e);
        }
    }

    /**
     * Drops retired versions once their grace period is over, and versions left half-built by a node that stopped
     * during a rebuild (a day old and not running here).
     */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void dropRetiredVersions() {
        var now = clock.instant();
        jdbc.query("SELECT nspname, obj_description(oid, 'pg_namespace') FROM pg_namespace"
                + " WHERE nspname LIKE 'retired\\_%' OR nspname LIKE 'rebuild\\_%'", row -> {
            var schema = row.getString(1);
            Instant since;
            try {
                since = Instant.parse(row.getString(2));
            } catch (RuntimeException unreadable) {
                return;
            }
            boolean retired = schema.startsWith("retired_");
            var keep = retired ? properties.gracePeriod() : Duration.ofDays(1);
            var running = runs.get(schema.substring(schema.indexOf('_') + 1));
            if (since.plus(keep).isBefore(now) && (retired || running == null || !running.active())) {
                log.info("Dropping {} (since {})", schema, since);
                dropQuietly(schema);
            }
        });
    }
}
