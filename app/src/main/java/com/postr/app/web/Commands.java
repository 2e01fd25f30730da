package com.postr.app.web;

import com.postr.app.web.error.ApiException;
import com.postr.app.web.error.ErrorCode;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Sends a command and waits for its outcome, bounded, rethrowing the handler's own exception. */
@Component
public class Commands {

    private static final long TIMEOUT_SECONDS = 30;

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    @SuppressWarnings("unchecked")
    public <R> R send(Object command) {
        try {
            return (R) gateway.send(command).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE,
                    "The command did not complete in time; it may still take effect", Map.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApiException(ErrorCode.SERVICE_UNAVAILABLE, "Interrupted while waiting", Map.of());
        }
    }
}
