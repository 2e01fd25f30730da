package com.postr.app.web.gateway;

import com.postr.app.web.gateway.Queries;
import com.postr.app.web.gateway.Futures;

import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.axonframework.queryhandling.SubscriptionQueryResult;
import org.reactivestreams.Publisher;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import java.util.Optional;

/** Asks a query and waits, bounded, rethrowing the handler's own exception rather than a wrapper. */
@Component
public class Queries {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final String TIMEOUT_MESSAGE = "The read model did not answer in time";

    private final QueryGateway gateway;

    Queries(QueryGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R ask(Object query, Class<R> type) {
        return Futures.await(gateway.query(query, type), TIMEOUT, TIMEOUT_MESSAGE);
    }

    /**
     * A subscription query whose initial result may be missing: the caller must cancel the result when done, or
     * its registration stays with the query bus.
     */
    public <R> SubscriptionQueryResult<Optional<R>, R> subscribe(Object query, Class<R> type) {
        return gateway.subscriptionQuery(query, ResponseTypes.optionalInstanceOf(type), ResponseTypes.instanceOf(type));
    }

    /**
     * A subscription query whose updates are of another type than its initial result (a status for a view, say);
     * the caller must cancel it when done.
     */
    public <R, U> SubscriptionQueryResult<Optional<R>, U> subscribe(Object query, Class<R> type, Class<U> updates) {
        return gateway.subscriptionQuery(query, ResponseTypes.optionalInstanceOf(type), ResponseTypes.instanceOf(updates));
    }

    /** A streaming query: results arrive as the subscriber asks for them (backpressure), never all at once. */
    public <R> Publisher<R> stream(Object query, Class<R> type) {
        return gateway.streamingQuery(query, type);
    }

    /** For queries answered by a single, possibly missing, view. */
    public <R> Optional<R> find(Object query, Class<R> type) {
        return Futures.await(gateway.query(query, ResponseTypes.optionalInstanceOf(type)), TIMEOUT, TIMEOUT_MESSAGE);
    }

    /** A streaming query's results gathered, for answers small enough to hold (a report's JSON). */
    public <R> List<R> list(Object query, Class<R> type) {
        return Flux.from(gateway.streamingQuery(query, type)).collectList().block(TIMEOUT);
    }
}
