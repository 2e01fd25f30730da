package com.postr.app.web.gateway;

import com.postr.app.web.gateway.Commands;
import com.postr.app.web.gateway.Futures;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.stereotype.Component;

import java.time.Duration;

/** Sends a command and waits for its outcome, bounded, rethrowing the handler's own exception. */
@Component
public class Commands {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final CommandGateway gateway;

    Commands(CommandGateway gateway) {
        this.gateway = gateway;
    }

    public <R> R send(Object command) {
        return Futures.await(gateway.send(command), TIMEOUT,
                "The command did not complete in time; it may still take effect");
    }
}
