package com.postr.app.order;

import com.postr.api.order.FetchOrderQuery;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderResponse;
import com.postr.api.order.OrderStatus;
import com.postr.app.web.gateway.Queries;
import com.postr.app.web.gateway.ReadYourWrites;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Checkout usually settles in milliseconds, so placing an order (directly or from a cart) waits up to
 * {@code postr.checkout.await-outcome} for it: the client gets CONFIRMED or CANCELLED, not a PENDING to poll.
 */
@Component
public class CheckoutOutcome {

    /** The order history's processing group (query-side's own name; the edge only knows it as a processor). */
    static final String ORDER_HISTORY = "order-history";

    /** The longest pause Retry-After asks for: an order pending for minutes is still worth a look now and then. */
    static final Duration LONGEST_POLL_PAUSE = Duration.ofSeconds(10);

    private final Queries queries;
    private final ReadYourWrites readYourWrites;
    private final Duration wait;
    private final long pollAfter;
    private final Clock clock;
    private final EventProcessingConfiguration processing;

    CheckoutOutcome(Queries queries, ReadYourWrites readYourWrites,
                    CheckoutWaitProperties properties, EventProcessingConfiguration processing, Clock clock) {
        this.queries = queries;
        this.readYourWrites = readYourWrites;
        this.wait = properties.awaitOutcome();
        this.pollAfter = properties.pollAfter().toSeconds();
        this.clock = clock;
        this.processing = processing;
    }

    /**
     * The order once checkout has settled it; or as it stands when the wait ran out (empty if not yet readable).
     * The order history announces the settled status on this node once it has committed it, so the order is read
     * then; polling remains for an order history on another node.
     */
    public Optional<OrderResponse> await(OrderId orderId) {
        return watch(orderId, () -> { }, true); // placed before: it may have settled already, so read at once
    }

    /**
     * Runs {@code place} (the command that places the order), then waits for the order's outcome as
     * {@link #await(OrderId)} does. Here the announcement is watched from before the order exists, so no outcome
     * can come before the watch, and the order is read only once it is announced (or a pause has passed).
     */
    public Optional<OrderResponse> afterPlacing(OrderId orderId, Runnable place) {
        return watch(orderId, place, false);
    }

    /**
     * The answer, with {@code Retry-After} if it shows an order still {@code pending}. Clients that poll an order's
     * Location at their own pace turn a checkout backlog into a flood of reads that slows checkout further; the
     * hint spaces the polls out (docs/api.md): {@code postr.checkout.poll-after} at first, then a quarter of the
     * time the order has been pending ({@code placedAt}, null if unknown), at most {@link #LONGEST_POLL_PAUSE}.
     */
    public <T> ResponseEntity<T> hinted(ResponseEntity<T> answer, boolean pending, Instant placedAt) {
        if (!pending) {
            return answer;
        }
        long seconds = pollAfter;
        if (placedAt != null) {
            long quarterOfAge = Duration.between(placedAt, clock.instant()).toSeconds() / 4;
            seconds = Math.max(seconds, Math.min(quarterOfAge, LONGEST_POLL_PAUSE.toSeconds()));
        }
        return ResponseEntity.status(answer.getStatusCode()).headers(answer.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds)).body(answer.getBody());
    }

    private Optional<OrderResponse> watch(OrderId orderId, Runnable place, boolean readFirst) {
        var query = new FetchOrderQuery(orderId);
        Supplier<Optional<OrderResponse>> read = () -> queries.find(query, OrderResponse.class);
        Predicate<OrderResponse> settled = order -> order.status() != OrderStatus.PENDING;
        if (!announcedHere()) {
            place.run();
            return readYourWrites.await(read, settled, wait);
        }
        var updates = queries.subscribe(query, OrderResponse.class, OrderStatus.class);
        try {
            var announced = updates.updates().filter(status -> status != OrderStatus.PENDING).next().toFuture();
            place.run();
            return readFirst ? readYourWrites.await(read, settled, wait, announced)
                    : readYourWrites.awaitSignalled(read, settled, wait, announced);
        } finally {
            updates.cancel();
        }
    }

    /** Whether this node's order history processes every order now, so it announces each outcome here. */
    private boolean announcedHere() {
        return processing.eventProcessor(ORDER_HISTORY, TrackingEventProcessor.class)
                .filter(TrackingEventProcessor::isRunning)
                .map(processor -> processor.processingStatus().values().stream()
                        .mapToDouble(status -> 1.0 / (status.getSegment().getMask() + 1)).sum() > 0.999)
                .orElse(false);
    }
}
