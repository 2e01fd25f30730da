package com.postr.app.config;

import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Two nodes writing one aggregate at once (two reservations of a hot SKU, say) make one append lose on the event
 * store's unique key. That command never took effect, so it is simply run again on fresh state. Every other
 * failure, business refusals above all, is final and returned to the caller at once.
 */
@Configuration(proxyBeanMethods = false)
public class CommandGatewayConfiguration {

    @Bean(destroyMethod = "shutdownNow")
    public ScheduledExecutorService commandRetryExecutor() {
        return Executors.newScheduledThreadPool(2, runnable -> {
            var thread = new Thread(runnable, "command-retry");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    public CommandGateway commandGateway(CommandBus commandBus, ScheduledExecutorService commandRetryExecutor) {
        var retries = new ConcurrencyConflictRetryScheduler(commandRetryExecutor, 20, 10, 500);
        return DefaultCommandGateway.builder().commandBus(commandBus).retryScheduler(retries)
                .dispatchInterceptors(new AuditMetadataConfiguration.RequestStamp()).build();
    }
}
