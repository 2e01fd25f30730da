package com.postr.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/** What every benchmark here shares: one HTTP client with the run's bearer token, and timing with percentiles. */
final class Http {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** The token of the app under test; each app has its own keys, so it is set anew for each. */
    static volatile String token;

    private Http() {
    }

    interface Call {
        void run(int i) throws Exception;
    }

    static Stats timed(int n, Call call) throws Exception {
        var nanos = new long[n];
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.run(i);
            nanos[i] = System.nanoTime() - t;
        }
        return new Stats(nanos, System.nanoTime() - start);
    }

    static String get(String url) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).GET(), 200);
    }

    static String patch(String url, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(json)), 200);
    }

    static String post(String url, String json) throws Exception {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)), -1);
    }

    /** @param expected the status to insist on, or -1 for any 2xx */
    static String send(HttpRequest.Builder request, int expected) throws Exception {
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        var response = HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        boolean ok = expected < 0 ? response.statusCode() / 100 == 2 : response.statusCode() == expected;
        if (!ok) {
            throw new IllegalStateException("HTTP " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    record Stats(long[] nanos, long wallNanos) {

        double percentile(double p) {
            var sorted = nanos.clone();
            Arrays.sort(sorted);
            int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(index, sorted.length - 1))] / 1e6;
        }

        double throughput() {
            return nanos.length / (wallNanos / 1e9);
        }
    }
}
