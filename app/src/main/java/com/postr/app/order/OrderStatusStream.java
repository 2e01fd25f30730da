package com.postr.app.order;

import com.postr.api.order.CancellationReason;
import com.postr.api.order.OrderId;
import com.postr.api.order.OrderStatus;
import com.postr.api.order.OrderStatusUpdate;
import com.postr.api.order.WatchOrderStatusQuery;
import com.postr.app.web.gateway.Queries;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server-sent events of one order's status: the current status first, then each change, closed after DELIVERED
 * or CANCELLED. Built on the WatchOrderStatusQuery subscription query; whatever ends the stream (the order's end,
 * the client going away, the time limit, an error) cancels that subscription.
 */
@Component
class OrderStatusStream {

    private static final Logger log = LoggerFactory.getLogger(OrderStatusStream.class);

    record StatusEvent(String orderId, OrderStatus status, CancellationReason reason, String carrier,
                       String trackingNumber, long version, Instant at) {

        static StatusEvent of(OrderStatusUpdate u) {
            return new StatusEvent(u.orderId().value(), u.status(), u.reason(), u.carrier(), u.trackingNumber(),
                    u.version(), u.at());
        }
    }

    private final Queries queries;
    private final StatusStreamProperties properties;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        var thread = new Thread(r, "order-status-heartbeat");
        thread.setDaemon(true);
        return thread;
    });

    /** Streams still open, each with what ends it, so a node shutting down can end them all. */
    private final Map<SseEmitter, Runnable> open = new ConcurrentHashMap<>();

    OrderStatusStream(Queries queries, StatusStreamProperties properties) {
        this.queries = queries;
        this.properties = properties;
    }

    SseEmitter open(OrderId orderId) {
        var emitter = new SseEmitter(properties.timeout().toMillis());
        var subscription = queries.subscribe(new WatchOrderStatusQuery(orderId), OrderStatusUpdate.class);
        var closed = new AtomicBoolean();
        var lastVersion = new AtomicLong(-1);
        var heartbeat = new ScheduledFuture<?>[1];
        var flow = new Disposable[1];
        Runnable release = () -> {
            if (closed.compareAndSet(false, true)) {
                open.remove(emitter);
                if (heartbeat[0] != null) {
                    heartbeat[0].cancel(false);
                }
                if (flow[0] != null) {
                    flow[0].dispose();
                }
                subscription.cancel();
            }
        };
        emitter.onCompletion(release);
        emitter.onTimeout(release);
        emitter.onError(e -> release.run());
        // updates are registered before the initial result is read, so a change in between arrives as an update;
        // the version drops what the initial result already showed
        flow[0] = subscription.initialResult().flatMap(initial -> initial.map(Mono::just).orElseGet(Mono::empty))
                .concatWith(subscription.updates())
                .filter(update -> update.version() > lastVersion.get())
                .subscribe(update -> {
                    synchronized (emitter) {
                        if (closed.get()) {
                            return;
                        }
                        lastVersion.set(update.version());
                        try {
                            emitter.send(SseEmitter.event().name("status").id(Long.toString(update.version()))
                                    .data(StatusEvent.of(update), MediaType.APPLICATION_JSON));
                        } catch (IOException | IllegalStateException e) {
                            release.run();
                            return;
                        }
                        if (update.terminal()) {
                            emitter.complete();
                            release.run();
                        }
                    }
                }, error -> {
                    log.warn("Status stream of {} failed: {}", orderId, error.toString());
                    synchronized (emitter) {
                        emitter.completeWithError(error);
                    }
                    release.run();
                });
        long every = properties.heartbeat().toMillis();
        heartbeat[0] = heartbeats.scheduleAtFixedRate(() -> {
            synchronized (emitter) {
                if (closed.get()) {
                    return;
                }
                try {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                } catch (IOException | IllegalStateException e) {
                    release.run(); // the client went away: let its subscription go
                }
            }
        }, every, every, TimeUnit.MILLISECONDS);
        open.put(emitter, () -> {
            synchronized (emitter) {
                if (!closed.get()) {
                    emitter.complete();
                }
            }
            release.run();
        });
        if (closed.get()) {
            heartbeat[0].cancel(false);
            open.remove(emitter);
        }
        return emitter;
    }

    /**
     * Ends every open stream when the node shuts down, before the web server's graceful shutdown waits for
     * requests in flight: an open stream would hold it for its whole grace period (30 s). Browsers' EventSource
     * reconnects, to another node, and gets the current status first.
     */
    @EventListener(ContextClosedEvent.class)
    void endAll() {
        open.values().forEach(Runnable::run);
    }
}
