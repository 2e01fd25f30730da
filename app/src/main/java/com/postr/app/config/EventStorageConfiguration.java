package com.postr.app.config;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.AppendEventsStatementBuilder;
import org.axonframework.eventsourcing.eventstore.jdbc.statements.JdbcEventStorageEngineStatements;
import org.axonframework.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import javax.sql.DataSource;
import java.sql.SQLException;

/**
 * Axon's JDBC event storage as its auto-configuration builds it, plus the gap settings of
 * {@link EventStorageProperties}: every event insert bounds its own transaction with PostgreSQL's
 * {@code transaction_timeout} (PostgreSQL 17 and later), so no event can commit after the processors have given
 * its gap up. Not with Axon Server, which stores the events itself.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "axon.axonserver", name = "enabled", havingValue = "false", matchIfMissing = true)
public class EventStorageConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventStorageConfiguration.class);

    @Bean
    public EventStorageEngine eventStorageEngine(Serializer serializer, PersistenceExceptionResolver exceptions,
                                                 @Qualifier("eventSerializer") Serializer eventSerializer,
                                                 org.axonframework.config.Configuration axon,
                                                 ConnectionProvider connections, TransactionManager transactions,
                                                 EventSchema schema, EventStorageProperties properties,
                                                 DataSource dataSource) {
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(serializer)
                .upcasterChain(axon.upcasterChain())
                .persistenceExceptionResolver(exceptions)
                .eventSerializer(eventSerializer)
                .snapshotFilter(axon.snapshotFilter())
                .connectionProvider(connections)
                .transactionManager(transactions)
                .schema(schema)
                .gapTimeout((int) properties.gapTimeout().toMillis())
                .maxGapOffset(properties.maxGapOffset())
                .batchSize(properties.fetchSize())
                .appendEvents(appends(properties, dataSource))
                .build();
    }

    private static AppendEventsStatementBuilder appends(EventStorageProperties properties, DataSource dataSource) {
        if (!hasTransactionTimeout(dataSource)) {
            log.warn("PostgreSQL before 17 cannot bound an append's commit (transaction_timeout); an event committed "
                    + "more than postr.events.gap-timeout after its insert would be skipped by the processors");
            return JdbcEventStorageEngineStatements::appendEvents;
        }
        var bound = "SET LOCAL transaction_timeout = " + properties.appendCommitTimeout().toMillis();
        return (connection, schema, dataType, events, serializer, timestamps) -> {
            // the insert takes the events' global_index; from here the transaction has this long to commit
            if (!connection.getAutoCommit()) {
                try (var statement = connection.createStatement()) {
                    statement.execute(bound);
                }
            }
            return JdbcEventStorageEngineStatements.appendEvents(connection, schema, dataType, events, serializer,
                    timestamps);
        };
    }

    private static boolean hasTransactionTimeout(DataSource dataSource) {
        try (var connection = dataSource.getConnection()) {
            return connection.getMetaData().getDatabaseMajorVersion() >= 17;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the PostgreSQL version", e);
        }
    }
}
