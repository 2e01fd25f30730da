package com.postr.app.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until an asynchronous outcome (a saga step, a projection) shows, or fails with the last value seen. */
public final class Eventually {

    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private Eventually() {
    }

    public static <T> T assertThat(Supplier<T> read, Predicate<T> done) {
        return assertThat(read, done, DEFAULT_TIMEOUT);
    }

    public static <T> T assertThat(Supplier<T> read, Predicate<T> done, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        T last = read.get();
        while (!done.test(last)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Still not there after " + timeout + "; last seen: " + last);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted while waiting", e);
            }
            last = read.get();
        }
        return last;
    }
}
