package com.postr.bench;

import static com.postr.bench.Http.get;
import static com.postr.bench.Http.post;
import static com.postr.bench.Http.send;
import static com.postr.bench.Http.timed;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import com.postr.bench.Http.Stats;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Catalog search at scale, measured as a client sees it: the packaged app seeds a catalog over HTTP, is searched
 * on PostgreSQL, then restarted on the same database with a real Elasticsearch node and searched again with the
 * same queries. Each engine is reported beside a trivial endpoint of the same app in the same run.
 * <p>
 * Usage (after {@code ./mvnw -DskipTests package}, which also unpacks Elasticsearch for the tests):
 * {@code ./mvnw -q -pl bench exec:java -Dexec.args="search PRODUCTS QUERIES [SEEDED_DATA_DIR]"}
 */
public final class SearchBench {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final List<String> ADJECTIVES = List.of("starry", "golden", "silent", "red", "blue", "misty",
            "quiet", "wild", "frozen", "burning", "ancient", "hidden", "lonely", "bright", "dark", "gentle",
            "stormy", "sunny", "pale", "deep", "crimson", "amber", "velvet", "silver", "emerald", "rusty");
    private static final List<String> NOUNS = List.of("night", "wave", "harbour", "garden", "mountain", "river",
            "forest", "lighthouse", "village", "bridge", "cathedral", "meadow", "island", "desert", "market",
            "window", "station", "orchard", "valley", "lake", "tower", "street", "field", "cliff", "moon", "sun");
    private static final List<String> ARTISTS = List.of("Hokusai", "Vincent van Gogh", "Claude Monet",
            "Rembrandt", "Johannes Vermeer", "Gustav Klimt", "Edvard Munch", "Hiroshige", "Paul Cezanne",
            "Edgar Degas", "Camille Pissarro", "Georges Seurat", "Henri Rousseau", "Paul Gauguin", "Egon Schiele",
            "Caspar David Friedrich", "William Turner", "John Constable", "Berthe Morisot", "Alfred Sisley");
    private static final List<String> CATEGORIES = List.of("ukiyo-e", "impressionism", "post-impressionism",
            "baroque", "romanticism", "expressionism", "symbolism", "realism", "pointillism", "art-nouveau");
    private static final List<String> COLORS = List.of("blue", "yellow", "red", "green", "white", "black",
            "orange", "brown", "purple", "gold");
    private static final List<String> SIZES = List.of("A4", "A3", "A2", "A1");

    public static void main(String[] args) throws Exception {
        int products = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int queries = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        var jar = Path.of("app/target/postr-commerce.jar");
        var distribution = Path.of("query-side/target/elasticsearch/elasticsearch-8.19.9");
        if (!Files.exists(jar) || !Files.exists(distribution)) {
            throw new IllegalStateException("Run ./mvnw -DskipTests package first (" + jar + ", " + distribution + ")");
        }
        var work = Files.createTempDirectory("postr-search-bench-");
        // a third argument names the database of an earlier run, already seeded: only the searches are measured
        var reuse = args.length > 2 ? Path.of(args[2]) : null;
        var data = reuse != null ? reuse : work.resolve("postgres");
        var results = new LinkedHashMap<String, Map<String, Stats>>();

        var app = PackagedApp.start(jar, data, reuse == null, work.resolve("app-postgres.log"));
        try {
            var started = System.nanoTime();
            if (reuse == null) {
                seed(app.base(), products);
                System.out.printf(Locale.ROOT, "seeded %d products in %.0f s into %s%n", products,
                        (System.nanoTime() - started) / 1e9, data);
            }
            awaitTotal(app.base(), products);
            results.put("postgres", measure(app.base(), queries, "postgres", List.of(app.process().pid())));
        } finally {
            app.stop();
        }

        int esPort;
        try (var socket = new ServerSocket(0)) {
            esPort = socket.getLocalPort();
        }
        var es = new ProcessBuilder("scripts/start-elasticsearch", distribution.toString(),
                work.resolve("es").toString(), Integer.toString(esPort))
                .redirectErrorStream(true).redirectOutput(work.resolve("es.log").toFile()).start();
        try {
            awaitElasticsearch(esPort, es);
            app = PackagedApp.start(jar, data, false, work.resolve("app-elasticsearch.log"),
                    "--postr.search.elasticsearch.uris=http://127.0.0.1:" + esPort);
            try {
                var started = System.nanoTime();
                awaitTotal(app.base(), products);
                System.out.printf(Locale.ROOT, "indexed %d products into Elasticsearch in %.0f s%n", products,
                        (System.nanoTime() - started) / 1e9);
                awaitMergesDone(esPort);
                results.put("elasticsearch", measure(app.base(), queries, "elasticsearch",
                        List.of(app.process().pid(), elasticsearchJvm(es))));
            } finally {
                app.stop();
            }
        } finally {
            es.descendants().forEach(ProcessHandle::destroy);
            es.destroy();
        }
        print(results, products, queries);
    }

    /** What {@link #queries} asks, by {@code i % 8}. */
    private static final List<String> KINDS = List.of("one word", "two words", "a word with a letter dropped",
            "a word with size and frame", "a category sorted by price", "a word with a price range, by price",
            "an artist with two colours", "the whole catalog, pages 1 to 5");

    /** The same queries, in the same order, against each engine: words, typos, filters, sorts and facets. */
    private static List<String> queries(int n) {
        return queries(n, 42);
    }

    private static List<String> queries(int n, long seed) {
        var random = new Random(seed);
        var queries = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            var adjective = ADJECTIVES.get(random.nextInt(ADJECTIVES.size()));
            var noun = NOUNS.get(random.nextInt(NOUNS.size()));
            var query = switch (i % 8) {
                case 0 -> "q=" + noun;
                case 1 -> "q=" + enc(adjective + " " + noun);
                case 2 -> "q=" + typo(noun, random);
                case 3 -> "q=" + noun + "&size=" + SIZES.get(random.nextInt(4)) + "&framed=true";
                case 4 -> "category=" + CATEGORIES.get(random.nextInt(CATEGORIES.size())) + "&sort=price_asc";
                case 5 -> "q=" + adjective + "&min_price=20&max_price=60&sort=price_desc";
                case 6 -> "artist=" + enc(ARTISTS.get(random.nextInt(ARTISTS.size()))) + "&color="
                        + COLORS.get(random.nextInt(COLORS.size())) + "&color=" + COLORS.get(random.nextInt(10));
                default -> "page=" + (1 + random.nextInt(5));
            };
            queries.add("/api/v1/products/search?" + query + "&limit=20");
        }
        return queries;
    }

    private static Map<String, Stats> measure(String base, int n, String engine, List<Long> jvms) throws Exception {
        var queries = queries(n);
        // one kept-alive connection written straight to a socket, as the checkout bench's reads: the JDK client's
        // own CPU and thread hand-offs per request would be counted against the app on the same two cores
        try (var client = new KeepAliveHttp(URI.create(base + "/actuator/health/liveness"), null)) {
            warmUp(client, engine, jvms);
            return measure(client, queries, engine, jvms);
        }
    }

    /** Searches of the measured kinds, each round with other values, in rounds of this many. */
    private static final int WARM_UP_ROUND = 500;

    /**
     * Other searches of the same kinds, each followed by a call of the trivial endpoint, and a few with variant
     * filters alone, until the JIT compilers of the app and of Elasticsearch have settled: at least 4 rounds, then
     * until a round makes each JVM compile at most 25 more methods, or 24 rounds in all. After the 2,000 searches
     * of the fourth round both were still compiling 100 to 200 methods per 1,000 searches, their compiler threads
     * took a quarter to a third of their processes' CPU on the same two cores, and a first block of 1,000 calls of
     * the trivial endpoint alone made the app compile 428 more; a shop's searches meet JVMs that have run for days.
     */
    private static void warmUp(KeepAliveHttp client, String engine, List<Long> jvms) throws Exception {
        var last = compiles(jvms);
        for (int round = 0; round < 24; round++) {
            for (var warm : queries(WARM_UP_ROUND, 7 + round)) {
                expectOk(client.get(warm), warm);
                expectOk(client.get(), "liveness");
            }
            for (var warm : variantFiltersAlone(WARM_UP_ROUND / 25, 7 + round)) {
                expectOk(client.get(warm), warm);
            }
            var now = compiles(jvms);
            var compiled = difference(last, now);
            last = now;
            if (round >= 3 && compiled.stream().allMatch(c -> c <= 25)) {
                System.out.printf(Locale.ROOT, "%s: warmed up in %d rounds of %d searches; methods JIT-compiled in "
                        + "the last: %s%n", engine, round + 1, WARM_UP_ROUND, named(compiled));
                return;
            }
        }
        System.out.printf(Locale.ROOT, "%s: the JIT had not settled after 24 warm-up rounds%n", engine);
    }

    /** Methods each JVM's JIT has compiled so far, as {@code jstat -compiler} reads them from its perf data. */
    private static List<Long> compiles(List<Long> jvms) throws Exception {
        var counts = new ArrayList<Long>();
        var jstat = Path.of(System.getProperty("java.home"), "bin", "jstat").toString();
        for (long pid : jvms) {
            var process = new ProcessBuilder(jstat, "-compiler", Long.toString(pid)).redirectErrorStream(true).start();
            var lines = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).split("\\R");
            if (process.waitFor() != 0 || lines.length < 2) {
                throw new IllegalStateException("jstat -compiler " + pid + ": " + String.join(" ", lines));
            }
            counts.add(Long.parseLong(lines[1].trim().split("\\s+")[0]));
        }
        return counts;
    }

    private static List<Long> difference(List<Long> before, List<Long> after) {
        var difference = new ArrayList<Long>();
        for (int i = 0; i < before.size(); i++) {
            difference.add(after.get(i) - before.get(i));
        }
        return difference;
    }

    /** Counts per JVM, the app's first and Elasticsearch's second. */
    private static String named(List<Long> counts) {
        return "app " + counts.get(0) + (counts.size() > 1 ? ", elasticsearch " + counts.get(1) : "");
    }

    /** The Elasticsearch server's JVM among the processes the start script began (a launcher JVM starts it). */
    private static long elasticsearchJvm(Process script) {
        return script.descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("org.elasticsearch.bootstrap.Elasticsearch"))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new IllegalStateException("No Elasticsearch server JVM under the start script"));
    }

    private static void expectOk(int status, String what) {
        if (status != 200) {
            throw new IllegalStateException("HTTP " + status + " for " + what);
        }
    }

    private static Map<String, Stats> measure(KeepAliveHttp client, List<String> queries, String engine,
                                              List<Long> jvms) throws Exception {
        int n = queries.size();
        var stats = new LinkedHashMap<String, Stats>();
        stats.put("trivial endpoint (liveness)", timed(n, i -> expectOk(client.get(), "liveness")));
        var before = compiles(jvms);
        var mixed = timed(n, i -> expectOk(client.get(queries.get(i)), queries.get(i)));
        System.out.printf(Locale.ROOT, "%s: methods JIT-compiled during the mixed searches: %s%n", engine,
                named(difference(before, compiles(jvms))));
        stats.put("search with facets (mixed queries)", mixed);
        // the same run, split by kind: which searches make the tail
        for (int kind = 0; kind < KINDS.size(); kind++) {
            var nanos = new ArrayList<Long>();
            for (int i = kind; i < n; i += KINDS.size()) {
                nanos.add(mixed.nanos()[i]);
            }
            stats.put("mixed, of which: " + KINDS.get(kind),
                    new Stats(nanos.stream().mapToLong(Long::longValue).toArray(), 0));
        }
        // not in the mix: no words and no product filter, so every product's variants are checked and counted
        var alone = variantFiltersAlone(Math.max(30, n / 10), 42);
        stats.put("variant filters alone, over the whole catalog (not in the mix)",
                timed(alone.size(), i -> expectOk(client.get(alone.get(i)), alone.get(i))));
        return stats;
    }

    /** A size and frame, a price range, or a paper and size, with no words and no product filter. */
    private static List<String> variantFiltersAlone(int n, long seed) {
        var random = new Random(seed);
        var queries = new ArrayList<String>();
        for (int i = 0; i < n; i++) {
            int low = 10 * (1 + random.nextInt(8));
            var query = switch (i % 3) {
                case 0 -> "size=" + SIZES.get(random.nextInt(4)) + "&framed=" + random.nextBoolean();
                case 1 -> "min_price=" + low + "&max_price=" + (low + 20) + "&sort=price_asc";
                default -> "paper=" + (random.nextBoolean() ? "matte" : "glossy") + "&size="
                        + SIZES.get(random.nextInt(4));
            };
            queries.add("/api/v1/products/search?" + query + "&limit=20");
        }
        return queries;
    }

    private static void seed(String base, int products) throws Exception {
        var next = new AtomicInteger();
        var pool = Executors.newFixedThreadPool(8);
        try {
            var tasks = new ArrayList<Callable<Void>>();
            for (int c = 0; c < 8; c++) {
                tasks.add(() -> {
                    for (int i = next.getAndIncrement(); i < products; i = next.getAndIncrement()) {
                        send(HttpRequest.newBuilder(URI.create(base + "/api/v1/products"))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(product(i))), -1);
                    }
                    return null;
                });
            }
            for (var future : pool.invokeAll(tasks)) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static String product(int i) throws IOException {
        var random = new Random(i);
        var title = cap(ADJECTIVES.get(random.nextInt(ADJECTIVES.size()))) + " "
                + cap(NOUNS.get(random.nextInt(NOUNS.size()))) + " " + (i % 997);
        var variants = new ArrayList<Map<String, Object>>();
        int count = 1 + random.nextInt(4);
        for (int v = 0; v < count; v++) {
            variants.add(Map.of("sku", "B" + i + "-" + v, "size", SIZES.get((i + v) % 4), "framed", random.nextBoolean(),
                    "paper", random.nextBoolean() ? "matte" : "glossy",
                    "price", Map.of("amount", 10 + random.nextInt(100) + ".00", "currency", "EUR")));
        }
        var body = new LinkedHashMap<String, Object>();
        body.put("title", title);
        body.put("artist", ARTISTS.get(random.nextInt(ARTISTS.size())));
        body.put("category", CATEGORIES.get(random.nextInt(CATEGORIES.size())));
        body.put("description", "A print of the " + NOUNS.get(random.nextInt(NOUNS.size())) + " in "
                + ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + " tones");
        body.put("tags", List.of(NOUNS.get(random.nextInt(NOUNS.size()))));
        body.put("colors", List.of(COLORS.get(random.nextInt(COLORS.size())), COLORS.get(random.nextInt(10))).stream()
                .distinct().toList());
        body.put("variants", variants);
        return JSON.writeValueAsString(body);
    }

    private static String typo(String word, Random random) {
        int at = 1 + random.nextInt(word.length() - 2);
        return word.substring(0, at) + word.substring(at + 1); // one letter dropped
    }

    private static String cap(String word) {
        return Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static void awaitTotal(String base, int products) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
        while (System.nanoTime() < deadline) {
            try {
                var total = JSON.readTree(get(base + "/api/v1/products/search?limit=1")).at("/pagination/total_items")
                        .asLong();
                if (total >= products) {
                    return;
                }
            } catch (IllegalStateException searchNotReady) {
                // 503 while the index is created
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Search never showed " + products + " products");
    }

    private static void awaitElasticsearch(int port, Process process) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Elasticsearch exited during start-up");
            }
            try {
                var connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + port
                        + "/_cluster/health?wait_for_status=yellow&timeout=2s").toURL().openConnection();
                if (connection.getResponseCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // starting
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Elasticsearch did not start in 180 s");
    }

    /**
     * Steady state: right after a bulk load Elasticsearch merges its segments in the background for a while, on
     * the same two cores, which is not what a shop's searches meet.
     */
    private static void awaitMergesDone(int port) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        int quiet = 0;
        while (quiet < 5 && System.nanoTime() < deadline) {
            var stats = JSON.readTree(URI.create("http://127.0.0.1:" + port + "/_nodes/stats/indices/merge").toURL());
            long running = 0;
            for (var node : stats.path("nodes")) {
                running += node.at("/indices/merges/current").asLong();
            }
            quiet = running == 0 ? quiet + 1 : 0;
            Thread.sleep(1000);
        }
    }

    private static void print(Map<String, Map<String, Stats>> results, int products, int queries) {
        System.out.printf(Locale.ROOT, "%n%d products, %d queries per engine, one client, %d cores, Java %s%n%n",
                products, queries, Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        System.out.println("| engine | scenario | requests | p50 ms | p95 ms | p99 ms | max ms |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|");
        results.forEach((engine, stats) -> stats.forEach((name, s) -> System.out.printf(Locale.ROOT,
                "| %s | %s | %d | %.1f | %.1f | %.1f | %.1f |%n", engine, name, s.nanos().length, s.percentile(50),
                s.percentile(95), s.percentile(99), s.percentile(100))));
    }
}
