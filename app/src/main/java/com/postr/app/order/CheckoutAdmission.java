package com.postr.app.order;

import com.postr.app.operations.EventStorePositions;
import com.postr.command.payment.PaymentGatewayWorker;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Back-pressure for checkout. Past its capacity the checkout queues: every order is still confirmed, only later
 * (at six times capacity, a minute later). Once an order taken now would wait longer than
 * {@code postr.checkout.max-lag} before checkout even looks at it, new checkouts are refused with a 503 and a
 * Retry-After instead, so the orders already taken settle in time and a client hears at once to come back.
 * <p>
 * That wait is the larger of the age of the oldest event checkout has not handled and the time checkout needs for
 * the events queued before a new order, at the pace it has handled events over the last seconds: under a surge the
 * queue holds many seconds of work before its oldest event is old, so its age alone lets in far too much.
 * <p>
 * Positions are read from the processors' stored tokens, not from this node's segments: a node that only serves
 * HTTP runs no processor. They are read again at most every {@link #REFRESH}, by one request at a time, and only
 * while orders arrive, so a shop at rest pays nothing.
 */
@Component
public class CheckoutAdmission {

    private static final Logger log = LoggerFactory.getLogger(CheckoutAdmission.class);

    /**
     * The processors a checkout's answer waits for: the saga that settles it, the payment processor that hands its
     * authorization to the provider, and the history that announces the outcome.
     */
    static final List<String> WATCHED = List.of("checkout", PaymentGatewayWorker.PROCESSING_GROUP,
            CheckoutOutcome.ORDER_HISTORY);

    /** Orders arriving between two readings are all taken: at 167 orders/s, 17 of them at this pace. */
    static final Duration REFRESH = Duration.ofMillis(100);

    /** How far back the pace is measured: long enough to smooth a slow batch, short enough to follow a surge. */
    static final Duration PACE_WINDOW = Duration.ofSeconds(3);

    /** The longest Retry-After a refusal asks for. */
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);

    private final EventStorePositions positions;
    private final Clock clock;
    private final Duration maxLag;
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** Only the refreshing thread touches it. */
    private final Pace pace = new Pace();
    private volatile Reading last = new Reading(Duration.ZERO, Instant.MIN);

    private record Reading(Duration expected, Instant at) {
    }

    CheckoutAdmission(EventStorePositions positions, Clock clock, CheckoutWaitProperties properties) {
        this.positions = positions;
        this.clock = clock;
        this.maxLag = properties.maxLag();
    }

    /** Empty to take the order; else how long the client should wait before it tries again. */
    public Optional<Duration> refusal() {
        var wait = waitForNewOrder();
        if (wait.compareTo(maxLag) <= 0) {
            return Optional.empty();
        }
        // refusing takes no new work, so the wait shrinks about a second per second: come back once it is short
        var pause = wait.minus(maxLag).plusMillis(999).truncatedTo(ChronoUnit.SECONDS);
        return Optional.of(pause.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE
                : pause.isZero() ? Duration.ofSeconds(1) : pause);
    }

    /** How long a new order would wait for checkout, as last read; read again first if older than {@link #REFRESH}. */
    Duration waitForNewOrder() {
        var now = clock.instant();
        var reading = last;
        if (reading.at().plus(REFRESH).isBefore(now) && refreshing.compareAndSet(false, true)) {
            try {
                reading = new Reading(read(now), now);
                last = reading;
            } catch (RuntimeException e) {
                // the database answers the order too, and the order's own error says it better; keep the last reading
                log.debug("Checkout's wait not read: {}", e.getMessage());
            } finally {
                refreshing.set(false);
            }
        }
        return reading.expected();
    }

    private Duration read(Instant now) {
        var tokens = positions.storedTokens();
        long slowest = Long.MAX_VALUE;
        for (var processor : WATCHED) {
            for (var token : tokens.getOrDefault(processor, Map.of()).values()) {
                if (!token.replaying()) { // a replay is behind on purpose; no position: at the stream's start
                    slowest = Math.min(slowest, token.position() == null ? -1 : token.position());
                }
            }
        }
        if (slowest == Long.MAX_VALUE) {
            pace.clear();
            return Duration.ZERO; // not started anywhere yet, or replaying: nothing to measure against
        }
        long queued = Math.max(0, positions.head().position() - slowest);
        return pace.expectedWait(now, slowest, queued, positions.ageOfOldestAfter(slowest, now));
    }

    /**
     * Checkout's pace over the last {@link #PACE_WINDOW}, and from it how long a new order would wait: the queue
     * before it at that pace, or the age of its oldest event if that is longer.
     */
    static final class Pace {

        private record Point(Instant at, long position, long queued) {
        }

        private final Deque<Point> points = new ArrayDeque<>();

        void clear() {
            points.clear();
        }

        /**
         * @param position the slowest watched processor's position
         * @param queued   events stored after it
         * @param age      how old the first of them is
         */
        Duration expectedWait(Instant now, long position, long queued, Duration age) {
            while (!points.isEmpty() && points.peekFirst().at().isBefore(now.minus(PACE_WINDOW))) {
                points.removeFirst();
            }
            points.addLast(new Point(now, position, queued));
            var first = points.peekFirst();
            // only a checkout behind at every reading works at its full pace; otherwise its pace is the orders'
            // and says nothing about how fast it could work off a queue
            boolean saturated = points.stream().allMatch(point -> point.queued() > 0)
                    && Duration.between(first.at(), now).compareTo(PACE_WINDOW.dividedBy(2)) >= 0;
            if (!saturated || first.position() >= position) {
                return age; // not behind, or not moving at all: the age of what waits says it
            }
            double perSecond = (position - first.position()) / (Duration.between(first.at(), now).toNanos() / 1e9);
            var drain = Duration.ofMillis((long) (queued / perSecond * 1000));
            return drain.compareTo(age) > 0 ? drain : age;
        }
    }
}
