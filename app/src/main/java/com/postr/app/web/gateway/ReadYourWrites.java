package com.postr.app.web.gateway;

import com.postr.app.web.HttpProperties;

import com.postr.app.web.gateway.ReadYourWrites;

import org.axonframework.queryhandling.NoHandlerForQueryException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

/**
 * Lets a write answer with the state its client will read next. Projections run asynchronously, so after a
 * command succeeds the edge polls the read model, for a bounded time, until it shows the version the command
 * produced. Polling the shared database (rather than waiting on an in-memory signal) works the same when the
 * query role runs on other nodes.
 */
@Component
public class ReadYourWrites {

    private final Duration timeout;

    ReadYourWrites(HttpProperties properties) {
        this.timeout = properties.readYourWritesTimeout();
    }

    /**
     * The first read that satisfies {@code caughtUp}, or empty if the read model did not catch up in time or
     * this node does not run the query role (the write is stored either way).
     */
    public <T> Optional<T> await(Supplier<Optional<T>> read, Predicate<T> caughtUp) {
        return await(read, caughtUp, timeout);
    }

    /** As {@link #await(Supplier, Predicate)}, waiting at most {@code timeout}. */
    public <T> Optional<T> await(Supplier<Optional<T>> read, Predicate<T> caughtUp, Duration timeout) {
        return await(read, caughtUp, timeout, null);
    }

    /**
     * As {@link #await(Supplier, Predicate, Duration)}, reading again as soon as {@code signal} completes (the
     * read model on this node says it has changed) rather than at the next pause; polling stays the fallback, for
     * a read model on another node.
     */
    public <T> Optional<T> await(Supplier<Optional<T>> read, Predicate<T> caughtUp, Duration timeout,
                                 Future<?> signal) {
        return await(read, caughtUp, timeout, signal, true);
    }

    /**
     * As {@link #await(Supplier, Predicate, Duration, Future)} for a signal that was armed before the write, so
     * no change can have slipped past it: the first read waits for the signal (or the first pause) instead of
     * reading what is certainly not there yet.
     */
    public <T> Optional<T> awaitSignalled(Supplier<Optional<T>> read, Predicate<T> caughtUp, Duration timeout,
                                          Future<?> signal) {
        return await(read, caughtUp, timeout, signal, false);
    }

    private <T> Optional<T> await(Supplier<Optional<T>> read, Predicate<T> caughtUp, Duration timeout,
                                  Future<?> signal, boolean readFirst) {
        long deadline = System.nanoTime() + timeout.toNanos();
        // with a signal, reads before it comes are only a safety net: each costs a query (a profile of checkout
        // under load found a quarter of the app's CPU in these reads), so they come seldom
        long pauseMillis = signal == null ? 5 : 50;
        long maxPauseMillis = signal == null ? 100 : 1000;
        boolean reading = readFirst;
        while (true) {
            if (reading) {
                Optional<T> result;
                try {
                    result = read.get().filter(caughtUp);
                } catch (NoHandlerForQueryException e) {
                    return Optional.empty();
                }
                if (result.isPresent() || System.nanoTime() >= deadline) {
                    return result;
                }
            }
            reading = true;
            try {
                long pause = Math.min(pauseMillis, Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                if (signal != null && !signal.isDone()) {
                    signal.get(pause, TimeUnit.MILLISECONDS);
                } else {
                    Thread.sleep(pause);
                }
            } catch (TimeoutException | ExecutionException | CancellationException noSignalYet) {
                // read again anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
            if (signal != null && signal.isDone() && maxPauseMillis > 100) {
                pauseMillis = 5; // it has changed: back to plain read-your-writes polling
                maxPauseMillis = 100;
            } else {
                pauseMillis = Math.min(pauseMillis * 2, maxPauseMillis);
            }
        }
    }

    /**
     * The answer to a write: once the read model shows {@code version}, {@code status} with the view's body,
     * {@code Location} and {@code ETag}; otherwise {@code 202 Accepted} with the version to wait for.
     *
     * @param idField name of the id in the pending body, e.g. {@code product_id}
     */
    public <T> ResponseEntity<?> respond(URI location, String idField, String id, long version, HttpStatus status,
                                         Supplier<Optional<T>> read, ToLongFunction<T> versionOf,
                                         Function<T, Object> body) {
        return await(read, view -> versionOf.applyAsLong(view) >= version)
                .<ResponseEntity<?>>map(view -> answer(location, status, view, versionOf, body))
                .orElseGet(() -> ResponseEntity.accepted().location(location)
                        .body(Map.of(idField, id, "version", version, "status", "pending")));
    }

    /** The answer to a write whose view has already been read: {@code status}, body, Location and ETag. */
    public <T> ResponseEntity<?> answer(URI location, HttpStatus status, T view, ToLongFunction<T> versionOf,
                                       Function<T, Object> body) {
        return ResponseEntity.status(status).location(location).eTag(Long.toString(versionOf.applyAsLong(view)))
                .body(body.apply(view));
    }
}
