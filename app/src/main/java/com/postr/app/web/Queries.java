package com.postr.app.web;

import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import org.axonframework.messaging.responsetypes.ResponseType;
import org.axonframework.queryhandling.QueryGateway;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Asks a query and waits, bounded, rethrowing the handler's own exception rather than a wrapper. */
@Component
public class Queries {

    private static final long TIMEOUT_SECONDS = 10;

    private final QueryGateway gateway;

    Queries(QueryGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R ask(Object query, Class<R> type) {
        return await(gateway.query(query, type));
    }

    public <R> R ask(Object query, ResponseType<R> type) {
        return await(gateway.query(query, type));
    }

    private static <R> R await(java.util.concurrent.CompletableFuture<R> future) {
        try {
            return future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "The read model did not answer in time", Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while waiting", Map.of());
        }
    }
}
