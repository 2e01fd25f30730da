package com.postr.bench;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Where a JFR recording of the app spent its CPU, as the figures in docs/performance.md are read: method samples
 * per thread (pool numbers dropped, so a processor's threads count as one), per library (the first frame from the
 * top of the stack that belongs to one: the code that was running, not who called it), and the Postr frames each
 * busy thread spent its samples under. {@code -Dexec.args="profile FILE.jfr [FROM TO]"}, FROM and TO in UTC
 * (HH:MM:SS), as the checkout bench prints each scenario's window.
 */
final class ProfileSummary {

    /** Libraries by package, most specific first. */
    private static final Map<String, Pattern> LIBRARIES = libraries();

    private static Map<String, Pattern> libraries() {
        var libraries = new LinkedHashMap<String, Pattern>();
        libraries.put("Micrometer",
                Pattern.compile("^(io\\.micrometer|org\\.axonframework\\.micrometer|org\\.HdrHistogram)\\."));
        libraries.put("Axon", Pattern.compile("^org\\.axonframework\\."));
        libraries.put("Hibernate", Pattern.compile("^org\\.hibernate\\."));
        libraries.put("Spring", Pattern.compile("^org\\.springframework\\."));
        libraries.put("Jackson", Pattern.compile("^com\\.fasterxml\\.jackson\\."));
        libraries.put("PostgreSQL driver", Pattern.compile("^org\\.postgresql\\."));
        libraries.put("Tomcat", Pattern.compile("^org\\.apache\\.(catalina|coyote|tomcat)\\."));
        libraries.put("logging", Pattern.compile("^(ch\\.qos\\.logback|org\\.slf4j)\\."));
        libraries.put("HikariCP", Pattern.compile("^com\\.zaxxer\\."));
        libraries.put("Postr", Pattern.compile("^com\\.postr\\."));
        return libraries;
    }

    private static final Pattern POOL_NUMBER = Pattern.compile("\\d+$");

    private ProfileSummary() {
    }

    static void run(List<String> args) throws IOException {
        var file = Path.of(args.get(0));
        var from = args.size() > 2 ? LocalTime.parse(args.get(1)) : LocalTime.MIN;
        var to = args.size() > 2 ? LocalTime.parse(args.get(2)) : LocalTime.MAX;
        var threads = new HashMap<String, Integer>();
        var libraries = new HashMap<String, Integer>();
        var postrUnderThread = new HashMap<String, Map<String, Integer>>();
        int samples = 0;
        for (var event : RecordingFile.readAllEvents(file)) {
            if (!event.getEventType().getName().equals("jdk.ExecutionSample") || !within(event, from, to)) {
                continue;
            }
            var thread = event.getThread("sampledThread");
            var name = POOL_NUMBER.matcher(thread == null ? "?" : String.valueOf(thread.getJavaName())).replaceAll("N");
            var frames = event.getStackTrace() == null ? List.<RecordedFrame>of() : event.getStackTrace().getFrames();
            samples++;
            threads.merge(name, 1, Integer::sum);
            libraries.merge(library(frames), 1, Integer::sum);
            var seen = new HashSet<String>();
            for (var frame : frames) {
                var method = frame.getMethod().getType().getName() + "." + frame.getMethod().getName();
                // lambdas' generated names differ per run and only repeat the method they sit in
                if (method.startsWith("com.postr.") && !method.contains("$$Lambda") && seen.add(method)) {
                    postrUnderThread.computeIfAbsent(name, k -> new HashMap<>()).merge(method, 1, Integer::sum);
                }
            }
        }
        System.out.printf(Locale.ROOT, "%,d method samples, %s to %s UTC%n%nBy thread:%n", samples,
                from.equals(LocalTime.MIN) ? "start" : from, to.equals(LocalTime.MAX) ? "end" : to);
        print(threads, samples, 14);
        System.out.printf(Locale.ROOT, "%nBy library (the code running when sampled):%n");
        print(libraries, samples, 20);
        threads.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(3)
                .forEach(thread -> {
                    System.out.printf(Locale.ROOT, "%nPostr frames on %s (share of its %,d samples):%n",
                            thread.getKey(), thread.getValue());
                    print(postrUnderThread.getOrDefault(thread.getKey(), Map.of()), thread.getValue(), 12);
                });
    }

    private static boolean within(RecordedEvent event, LocalTime from, LocalTime to) {
        var at = LocalTime.ofInstant(event.getStartTime(), ZoneOffset.UTC);
        return !at.isBefore(from) && !at.isAfter(to);
    }

    private static String library(List<RecordedFrame> frames) {
        for (var frame : frames) {
            var type = frame.getMethod().getType().getName();
            for (var library : LIBRARIES.entrySet()) {
                if (library.getValue().matcher(type).find()) {
                    return library.getKey();
                }
            }
        }
        return "JDK and other";
    }

    private static void print(Map<String, Integer> counts, int total, int limit) {
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(limit)
                .forEach(e -> System.out.printf(Locale.ROOT, "  %5.1f %%  %s%n", 100.0 * e.getValue() / total,
                        e.getKey()));
    }

    /** The UTC wall-clock time, as {@link #run} takes it. */
    static String clock(Instant at) {
        return LocalTime.ofInstant(at, ZoneOffset.UTC).withNano(0).toString();
    }
}
