package com.postr.app.support;

import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Injected faults for the tests of what happens when a handler fails: a command of a given type that names a given
 * id (in its fields) fails as a bug would, with an unexpected exception, until the fault is cleared. Nothing fails
 * unless a test asks for it.
 */
@TestConfiguration(proxyBeanMethods = false)
public class Faults {

    private static final Map<String, Class<?>> FAILING = new ConcurrentHashMap<>();

    /** From now on, every {@code type} command that mentions {@code id} fails. */
    public static void fail(Class<?> type, String id) {
        FAILING.put(id, type);
    }

    /** The fault is fixed: those commands go through again. */
    public static void clear(String id) {
        FAILING.remove(id);
    }

    @Autowired
    void injectInto(CommandBus commands) {
        commands.registerHandlerInterceptor((unitOfWork, chain) -> {
            var payload = unitOfWork.getMessage().getPayload();
            for (var fault : FAILING.entrySet()) {
                if (fault.getValue().isInstance(payload) && payload.toString().contains(fault.getKey())) {
                    throw new IllegalStateException("injected fault: " + payload.getClass().getSimpleName()
                            + " for " + fault.getKey());
                }
            }
            return chain.proceed();
        });
    }
}
