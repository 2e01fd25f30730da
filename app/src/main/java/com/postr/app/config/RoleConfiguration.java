package com.postr.app.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * One jar, three roles. Each role's module is scanned only when its {@code postr.roles.*} property is on (all are
 * by default), so a scaled deployment runs, say, query nodes that host no aggregates and no sagas.
 */
public final class RoleConfiguration {

    private RoleConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "postr.roles", name = "command", havingValue = "true", matchIfMissing = true)
    @ComponentScan("com.postr.command")
    public static class CommandRole {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "postr.roles", name = "query", havingValue = "true", matchIfMissing = true)
    @ComponentScan("com.postr.query")
    @EntityScan("com.postr.query")
    @EnableJpaRepositories("com.postr.query")
    public static class QueryRole {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "postr.roles", name = "sagas", havingValue = "true", matchIfMissing = true)
    @ComponentScan("com.postr.saga")
    public static class SagaRole {
    }
}
