package com.postr.app.operations;

import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.config.EventProcessingConfigurer;
import org.axonframework.config.SagaConfiguration;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.Segment;
import org.axonframework.eventhandling.deadletter.jdbc.DeadLetterSchema;
import org.axonframework.eventhandling.deadletter.jdbc.JdbcSequencedDeadLetterQueue;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.MetaData;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.deadletter.Decisions;
import org.axonframework.messaging.deadletter.EnqueueDecision;
import org.axonframework.messaging.deadletter.GenericDeadLetter;
import org.axonframework.messaging.deadletter.SequencedDeadLetterQueue;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.RollbackConfigurationType;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.modelling.saga.AssociationValue;
import org.axonframework.modelling.saga.metamodel.AnnotationSagaMetaModelFactory;
import org.axonframework.modelling.saga.metamodel.SagaModel;
import org.axonframework.serialization.Serializer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.RecoverableDataAccessException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.stereotype.Component;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Dead letters for sagas, which Axon's dead-letter queue does not cover: without them, one event a saga cannot
 * handle stops its processor, and every other checkout with it. An event a saga fails on is parked in
 * {@code dead_letter_entry} under the saga's association (the order), and later events for that saga are parked
 * behind it, in order; every other saga goes on.
 * <p>
 * A failure rolls back everything the saga did for the event (its commands run in the processor's transaction),
 * so the event is not parked when it first fails: the failure is remembered, the processor retries the event, and
 * that delivery parks it, in a transaction that commits with the processor's token. A retry hands the parked events
 * to the saga manager again, one transaction each, in order.
 */
@Component
class SagaDeadLetters {

    private final ConnectionProvider connections;
    private final TransactionManager transactions;
    private final Serializer serializer;
    private final DeadLetterSchema schema;
    private final Map<String, SequencedDeadLetterQueue<EventMessage<?>>> queues = new ConcurrentHashMap<>();
    private final Map<Class<?>, SagaModel<?>> models = new ConcurrentHashMap<>();
    /** Events a saga failed on, by event id, to park when the processor delivers them again; bounded. */
    private final Map<String, Throwable> failedOnce = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Throwable> eldest) {
            return size() > 1_000;
        }
    });
    private volatile Configuration axon;

    SagaDeadLetters(ConnectionProvider connections, TransactionManager transactions, Serializer serializer,
                    DeadLetterSchema schema) {
        this.connections = connections;
        this.transactions = transactions;
        this.serializer = serializer;
        this.schema = schema;
    }

    /** Also counts each failure of a projection's event in its letter ({@link Attempts}), for the back-off. */
    @Autowired
    void parkWhatSagasFailOn(EventProcessingConfigurer configurer) {
        configurer.registerDefaultDeadLetterPolicy(config -> Attempts::failed);
        configurer.registerDefaultHandlerInterceptor((config, processor) -> {
            axon = config;
            return saga(config, processor).<MessageHandlerInterceptor<? super EventMessage<?>>>map(Parking::new)
                    .orElse((unitOfWork, chain) -> chain.proceed());
        });
    }

    /** The saga processing groups of this node. */
    boolean isSagaGroup(String processingGroup) {
        return axon != null && saga(axon, processingGroup).isPresent();
    }

    Optional<SequencedDeadLetterQueue<EventMessage<?>>> queue(String processingGroup) {
        return isSagaGroup(processingGroup) ? Optional.of(queueOf(processingGroup)) : Optional.empty();
    }

    /**
     * Delivers the first sequence that {@code filter} accepts to its saga again, letter by letter in order, until
     * one fails; true when the whole sequence went through.
     */
    boolean process(String processingGroup, Predicate<DeadLetter<? extends EventMessage<?>>> filter) {
        var saga = saga(axon, processingGroup).orElseThrow();
        return queueOf(processingGroup).process(filter, letter -> redeliver(saga, letter));
    }

    private EnqueueDecision<EventMessage<?>> redeliver(SagaConfiguration<?> saga,
                                                        DeadLetter<? extends EventMessage<?>> letter) {
        var unitOfWork = DefaultUnitOfWork.startAndGet(letter.message());
        unitOfWork.attachTransaction(transactions);
        axon.correlationDataProviders().forEach(unitOfWork::registerCorrelationDataProvider);
        var result = unitOfWork.executeWithResult(() -> {
            saga.manager().handle(letter.message(), Segment.ROOT_SEGMENT);
            return null;
        }, RollbackConfigurationType.ANY_THROWABLE);
        return result.isExceptional() ? Attempts.failed(letter, result.exceptionResult()) : Decisions.evict();
    }

    private static Optional<SagaConfiguration<?>> saga(Configuration config, String processingGroup) {
        return config.eventProcessingConfiguration().sagaConfigurations().stream()
                .filter(saga -> saga.processingGroup().equals(processingGroup)).findFirst()
                .map(saga -> (SagaConfiguration<?>) saga);
    }

    private SequencedDeadLetterQueue<EventMessage<?>> queueOf(String processingGroup) {
        return queues.computeIfAbsent(processingGroup, group -> JdbcSequencedDeadLetterQueue.<EventMessage<?>>builder()
                .processingGroup(group).connectionProvider(connections).transactionManager(transactions)
                .schema(schema).genericSerializer(serializer).eventSerializer(serializer).build());
    }

    /** The association by which the saga finds its instance for the event (the order); none if it ignores it. */
    private Optional<String> sequenceOf(SagaConfiguration<?> saga, EventMessage<?> event) {
        var model = models.computeIfAbsent(saga.type(), type -> new AnnotationSagaMetaModelFactory(
                axon.parameterResolverFactory(), axon.handlerDefinition(type)).modelOf(type));
        return model.resolveAssociation(event).map(AssociationValue::getValue);
    }

    /**
     * The database, not the event, failed (connection lost, restart, deadlock, serialization conflict): the
     * processor retries until it answers again, and the event goes on to the saga rather than being parked.
     */
    static boolean databaseAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof TransientDataAccessException || t instanceof RecoverableDataAccessException
                    || t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && (sql.getSQLState().startsWith("08")
                    || sql.getSQLState().startsWith("57P") || sql.getSQLState().startsWith("53")
                    || sql.getSQLState().equals("40001") || sql.getSQLState().equals("40P01"))) {
                return true;
            }
        }
        return false;
    }

    private final class Parking implements MessageHandlerInterceptor<EventMessage<?>> {

        private final SagaConfiguration<?> saga;

        Parking(SagaConfiguration<?> saga) {
            this.saga = saga;
        }

        @Override
        public Object handle(UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain chain)
                throws Exception {
            var event = unitOfWork.getMessage();
            var sequence = sequenceOf(saga, event);
            if (sequence.isEmpty()) {
                return chain.proceed();
            }
            var queue = queueOf(saga.processingGroup());
            if (queue.contains(sequence.get())) {
                // an earlier event of this saga is parked: this one waits behind it, in order
                queue.enqueue(sequence.get(), new GenericDeadLetter<>(sequence.get(), event));
                return null;
            }
            var failure = failedOnce.remove(event.getIdentifier());
            if (failure != null) {
                queue.enqueue(sequence.get(), new GenericDeadLetter<>(sequence.get(), event, failure)
                        .withDiagnostics(MetaData.with(Attempts.KEY, 1)));
                return null;
            }
            try {
                return chain.proceed();
            } catch (Exception | Error e) {
                if (!databaseAway(e)) {
                    failedOnce.put(event.getIdentifier(), e);
                }
                throw e;
            }
        }
    }
}
