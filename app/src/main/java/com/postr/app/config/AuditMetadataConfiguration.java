package com.postr.app.config;

import com.postr.app.idempotency.IdempotencyFilter;
import com.postr.identity.Caller;
import com.postr.app.web.filter.RequestIdFilter;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.MessageOriginProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Who and what caused each stored event. Commands sent while serving an HTTP request carry the caller (user id
 * and roles, or "anonymous"), the request id and the Idempotency-Key, if any, in their metadata; the correlation
 * providers copy them (with Axon's correlation and trace ids) onto every event and every further command that
 * command causes, saga commands included, so an auditor can follow one request through the system.
 */
@Configuration(proxyBeanMethods = false)
public class AuditMetadataConfiguration {

    public static final String REQUEST_ID = "request_id";
    /** The Idempotency-Key the request carried, if any (set in the logging context by IdempotencyFilter). */
    public static final String IDEMPOTENCY_KEY = "idempotency_key";
    /** The verified caller: the access token's subject, or "anonymous". */
    public static final String USER_ID = "user_id";
    /** The caller's roles, comma-separated (empty for a guest). */
    public static final String USER_ROLES = "user_roles";

    @Bean
    public CorrelationDataProvider messageOriginProvider() {
        return new MessageOriginProvider();
    }

    @Bean
    public CorrelationDataProvider requestIdCorrelation() {
        return new SimpleCorrelationDataProvider(REQUEST_ID, IDEMPOTENCY_KEY, USER_ID, USER_ROLES);
    }

    /**
     * Adds the current request's id (set by {@link RequestIdFilter} in the logging context) and its verified caller
     * to a command; the command gateway applies it to every command it sends. Outside a request (a saga, a
     * deadline) the metadata the command already carries from its cause is kept.
     */
    static final class RequestStamp implements MessageDispatchInterceptor<CommandMessage<?>> {
        @Override
        public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
                List<? extends CommandMessage<?>> messages) {
            return (index, command) -> {
                var stamped = command;
                // the scope is stamped but never correlated: it marks the request's own commands (IdempotentEffects)
                for (var key : List.of(REQUEST_ID, IDEMPOTENCY_KEY, IdempotencyFilter.MDC_SCOPE)) {
                    var value = MDC.get(key);
                    if (value != null && !stamped.getMetaData().containsKey(key)) {
                        stamped = stamped.andMetaData(Map.of(key, value));
                    }
                }
                if (MDC.get(REQUEST_ID) != null && !stamped.getMetaData().containsKey(USER_ID)) {
                    var caller = Caller.current();
                    stamped = stamped.andMetaData(Map.of(USER_ID, caller.actor(), USER_ROLES, caller.rolesText()));
                }
                return stamped;
            };
        }
    }
}
