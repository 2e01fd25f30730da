package com.postr.app.web.gateway;

import com.postr.app.web.gateway.Futures;

import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Waits for a gateway's answer, bounded, and rethrows the handler's own exception rather than a wrapper. */
final class Futures {

    private Futures() {
    }

    static <R> R await(CompletableFuture<R> future, Duration timeout, String timeoutMessage) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, timeoutMessage, Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while waiting", Map.of());
        }
    }
}
