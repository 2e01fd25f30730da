package com.postr.app.config;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.domain.EntityScan;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;

/**
 * One jar, three node duties. Each duty's module is scanned only when its {@code postr.node.*} property is on (all are
 * by default), so a scaled deployment runs, say, query nodes that host no aggregates and no sagas.
 */
public final class NodeDutyConfiguration {

    private NodeDutyConfiguration() {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "postr.node", name = "command", havingValue = "true", matchIfMissing = true)
    @ComponentScan("com.postr.command")
    public static class CommandDuty {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "postr.node", name = "query", havingValue = "true", matchIfMissing = true)
    @ComponentScan("com.postr.query")
    @EntityScan("com.postr.query")
    @EnableJpaRepositories("com.postr.query")
    public static class QueryDuty {
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "postr.node", name = "sagas", havingValue = "true", matchIfMissing = true)
    @ComponentScan("com.postr.saga")
    public static class SagaDuty {
    }
}
