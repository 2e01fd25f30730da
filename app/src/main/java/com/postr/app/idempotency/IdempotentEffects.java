package com.postr.app.idempotency;

import com.postr.app.config.AuditMetadataConfiguration;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Records, in the transaction that stores a command's events, that the request with this Idempotency-Key has
 * applied this command. A retry of that request after its answer was lost (the node died, the database
 * restarted) meets the record and applies nothing: {@link AlreadyAppliedException}. Only commands sent by the
 * HTTP request itself carry the key's scope; the commands they cause (saga steps) do not, so they are never
 * mistaken for repeats.
 */
@Component
public class IdempotentEffects {

    private final JdbcTemplate jdbc;

    IdempotentEffects(JdbcTemplate jdbc, CommandBus commandBus) {
        this.jdbc = jdbc;
        // handler interceptors run inside the unit of work's transaction, the one that appends the events; this
        // bean is no interceptor itself, so Axon's auto-configuration does not register it a second time
        MessageHandlerInterceptor<CommandMessage<?>> interceptor = this::handle;
        commandBus.registerHandlerInterceptor(interceptor);
    }

    private Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        var command = unitOfWork.getMessage();
        if (command.getMetaData().get(IdempotencyFilter.MDC_SCOPE) instanceof String scope
                && command.getMetaData().get(AuditMetadataConfiguration.IDEMPOTENCY_KEY) instanceof String key) {
            int recorded = jdbc.update("""
                    INSERT INTO idempotency_effect (scope, idem_key, command) VALUES (?, ?, ?)
                    ON CONFLICT DO NOTHING""", scope, key, command.getCommandName());
            if (recorded == 0) {
                throw new AlreadyAppliedException(key, command.getCommandName());
            }
        }
        return chain.proceed();
    }

    /** This request's command took effect on an earlier attempt whose answer was lost. */
    public static final class AlreadyAppliedException extends RuntimeException {

        private final String key;

        AlreadyAppliedException(String key, String command) {
            super("Idempotency-Key " + key + " already applied " + command, null, false, false);
            this.key = key;
        }

        public String key() {
            return key;
        }
    }
}
