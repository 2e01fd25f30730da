package com.postr.query.support;

import jakarta.persistence.EntityManager;
import org.hibernate.Session;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.deadletter.DeadLetter;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs each projection event handler in a savepoint of the processor's transaction and flushes its writes there.
 * A write the database refuses (a constraint, a value PostgreSQL cannot store) then fails inside the handler,
 * where the dead-letter queue sees it and parks the event for its aggregate, rather than at commit, where it
 * would fail the whole batch and be retried forever, stopping the projection for everyone. Rolling back to the
 * savepoint keeps the transaction usable for that dead letter and for the processor's token.
 * <p>
 * Hibernate, though, dooms the whole transaction when its flush fails (JPA's rule), so that first attempt
 * cannot commit. The event is remembered, and when the processor delivers it again it fails at once, before any
 * write, and is parked in a transaction that commits. A failure that is the database's, not the event's (a lost
 * connection, a restart, a deadlock), is neither isolated nor remembered: the batch fails and is retried.
 */
@Component
class IsolatedProjectionWrites implements HandlerEnhancerDefinition {

    /** Events whose write doomed their transaction, per projection, with why; bounded, and each taken once. */
    private final Map<String, Exception> doomed = Collections.synchronizedMap(new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Exception> eldest) {
            return size() > 1_000;
        }
    });

    private final EntityManager entityManager;
    private final DataSource dataSource;

    IsolatedProjectionWrites(EntityManager entityManager, DataSource dataSource) {
        this.entityManager = entityManager;
        this.dataSource = dataSource;
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(MessageHandlingMember<T> original) {
        boolean projection = original.declaringClass().getPackageName().startsWith("com.postr.query")
                && original.canHandleMessageType(EventMessage.class);
        return projection ? new Isolated<>(original) : original;
    }

    /** A lost connection, a restart, a serialization conflict or a deadlock: worth retrying, never parking. */
    static boolean databaseAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t instanceof TransientDataAccessException || t instanceof DataAccessResourceFailureException
                    || t instanceof CannotCreateTransactionException || t instanceof PessimisticLockingFailureException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof org.hibernate.exception.LockAcquisitionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                var state = sql.getSQLState();
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean transactionDoomed() {
        try {
            return entityManager.unwrap(Session.class).getTransaction().getRollbackOnly();
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** The event's write was refused on an earlier delivery; this is why, for the dead letter. */
    static final class RefusedWrite extends RuntimeException {
        RefusedWrite(Exception cause) {
            super("The database refused this event's write: " + cause.getMessage(), cause);
        }
    }

    private final class Isolated<T> extends WrappedMessageHandlingMember<T> {

        private final String projection;

        Isolated(MessageHandlingMember<T> delegate) {
            super(delegate);
            this.projection = delegate.declaringClass().getName();
        }

        /**
         * Per projection and event: several projections handle one event, each in its own processor, and one's
         * refused write must not be taken for another's.
         */
        private String key(Message<?> message) {
            return projection + "/" + message.getIdentifier();
        }

        @Override
        public Object handle(Message<?> message, T target) throws Exception {
            // a retry from the dead-letter queue is its own attempt: its failure is requeued with the letter, and
            // an earlier delivery's refusal may have been fixed since
            boolean retry = CurrentUnitOfWork.isStarted()
                    && CurrentUnitOfWork.get().resources().containsKey(DeadLetter.class.getName());
            var refused = retry ? null : doomed.remove(key(message));
            if (refused != null) {
                throw new RefusedWrite(refused);
            }
            if (!TransactionSynchronizationManager.isActualTransactionActive()) {
                return super.handle(message, target);
            }
            // the transaction's own connection, the one Hibernate flushes through
            var connection = DataSourceUtils.getConnection(dataSource);
            var savepoint = connection.setSavepoint();
            try {
                var result = super.handle(message, target);
                entityManager.flush();
                connection.releaseSavepoint(savepoint);
                return result;
            } catch (Exception | Error e) {
                if (databaseAway(e)) {
                    // not this event's fault: leave the transaction failed, so the whole batch is retried once the
                    // database answers again, rather than parking an event that is fine
                    throw e;
                }
                try {
                    connection.rollback(savepoint);
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                // the refused entities must not be flushed again at commit
                entityManager.clear();
                if (!retry && e instanceof Exception failure && transactionDoomed()) {
                    doomed.put(key(message), failure);
                }
                throw e;
            }
        }
    }
}
