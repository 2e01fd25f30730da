package com.postr.app.config;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.JdbcTokenStore;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import com.postr.command.spi.NodeLease;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.modelling.saga.repository.jdbc.PostgresSagaSqlSchema;
import org.springframework.boot.autoconfigure.transaction.TransactionManagerCustomizer;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.axonframework.modelling.saga.repository.jdbc.SagaSchema;
import org.axonframework.modelling.saga.repository.jdbc.SagaSqlSchema;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;

import java.sql.SQLException;
import java.time.Clock;

/**
 * Axon on PostgreSQL through its JDBC engine (docs/adr/0002): Axon's JDBC auto-configuration builds the event
 * store, token store, saga store and dead-letter queues from the schema beans below, whose snake_case names
 * match the Flyway migration.
 */
@Configuration(proxyBeanMethods = false)
public class AxonInfrastructureConfiguration {

    /**
     * One Jackson serializer for events, messages, tokens and sagas. Its mapper is private to Axon, so HTTP
     * settings (snake_case, strict unknown properties) never change how stored events look, and tolerant
     * reading lets old events load after a field is removed. Private fields are visible too, which aggregate
     * snapshots and sagas need; getters stay visible because Axon's own types (scope descriptors of deadlines,
     * for one) serialize through them.
     */
    @Bean
    @Primary
    public Serializer serializer() {
        ObjectMapper mapper = JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .build();
        return JacksonSerializer.builder().objectMapper(mapper).lenientDeserialization().build();
    }

    /** Time comes from here, never from {@code Instant.now()} in business code, so tests can control it. */
    @Bean
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    @Qualifier("eventSerializer")
    public Serializer eventSerializer(Serializer serializer) {
        return serializer;
    }

    @Bean
    @Qualifier("messageSerializer")
    public Serializer messageSerializer(Serializer serializer) {
        return serializer;
    }

    /**
     * Axon's default logs a failing event handler and moves on, silently leaving a read model or saga behind.
     * Propagating makes the processor retry the event (with back-off) or, where a dead-letter queue is enabled,
     * park it in {@code dead_letter_entry} with later events of the same aggregate queued behind it.
     */
    @Autowired
    void propagateEventHandlerErrors(EventProcessingConfigurer configurer) {
        configurer.registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
    }

    /**
     * A saga's commands run in nested units of work that join the saga's transaction (docs/adr/0011). By
     * default a refused nested command would mark that shared transaction rollback-only, taking the saga's
     * compensation down with it. Refusals happen before anything is written, so the transaction stays usable;
     * a failure that does propagate still rolls everything back.
     */
    @Bean
    TransactionManagerCustomizer<AbstractPlatformTransactionManager> keepJoinedTransactionsAfterRefusals() {
        return transactionManager -> transactionManager.setGlobalRollbackOnParticipationFailure(false);
    }

    @Bean
    public EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .timestampColumn("time_stamp")
                .eventIdentifierColumn("event_identifier")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .build();
    }

    @Bean
    public TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("timestamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * Axon's own token store, but claims are made in this node's name ({@link NodeLease}) rather than Axon's
     * default "pid@host", which two nodes can share (two contexts in one JVM; containers that all run as pid 1
     * on a reused hostname) and then both process the same segment.
     */
    @Bean
    public TokenStore tokenStore(ConnectionProvider connectionProvider, Serializer serializer, TokenSchema schema,
                                 NodeLease node) {
        return JdbcTokenStore.builder().connectionProvider(connectionProvider).serializer(serializer).schema(schema)
                .nodeId(node.nodeId()).build();
    }

    @Bean
    public SagaSqlSchema sagaSqlSchema() {
        return new PostgresSagaSqlSchema(SagaSchema.builder()
                .sagaEntryTable("saga_entry")
                .revisionColumn("revision")
                .serializedSagaColumn("serialized_saga")
                .associationValueEntryTable("association_value_entry")
                .associationKeyColumn("association_key")
                .associationValueColumn("association_value")
                .sagaIdColumn("saga_id")
                .sagaTypeColumn("saga_type")
                .build());
    }

    @Bean
    public DeadLetterSchema deadLetterSchema() {
        return DeadLetterSchema.builder()
                .deadLetterTable("dead_letter_entry")
                .deadLetterIdentifierColumn("dead_letter_id")
                .processingGroupColumn("processing_group")
                .sequenceIdentifierColumn("sequence_identifier")
                .sequenceIndexColumn("sequence_index")
                .messageTypeColumn("message_type")
                .eventIdentifierColumn("event_identifier")
                .timestampColumn("time_stamp")
                .payloadTypeColumn("payload_type")
                .payloadRevisionColumn("payload_revision")
                .payloadColumn("payload")
                .metaDataColumn("meta_data")
                .aggregateTypeColumn("aggregate_type")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .tokenTypeColumn("token_type")
                .tokenColumn("token")
                .enqueuedAtColumn("enqueued_at")
                .lastTouchedColumn("last_touched")
                .processingStartedColumn("processing_started")
                .causeTypeColumn("cause_type")
                .causeMessageColumn("cause_message")
                .diagnosticsColumn("diagnostics")
                .build();
    }

    /**
     * Axon's stock JDBC resolver only recognises {@code SQLIntegrityConstraintViolationException}, which the
     * PostgreSQL driver never throws; without this, two concurrent writers of one aggregate would surface as an
     * unexplained SQL error instead of a {@code ConcurrencyException}.
     */
    @Bean
    public PersistenceExceptionResolver persistenceExceptionResolver() {
        return exception -> {
            for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
                if (cause instanceof SQLException sql && "23505".equals(sql.getSQLState())) {
                    return true;
                }
            }
            return false;
        };
    }
}
