package com.postr.app.web.error;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.transaction.CannotCreateTransactionException;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Recognises a failure that says "the database is away or busy, try again" (a restart, a failover, a lost
 * connection, a serialization conflict) anywhere in a cause chain. Such a request did nothing that a retry with
 * the same Idempotency-Key cannot safely finish, so it is answered 503 with Retry-After, not 500.
 */
final class DatabaseUnavailable {

    static final String RETRY_AFTER_SECONDS = "2";

    private DatabaseUnavailable() {
    }

    static boolean causes(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof DataAccessResourceFailureException || t instanceof CannotCreateTransactionException
                    || t instanceof TransientDataAccessException || t instanceof PessimisticLockingFailureException
                    || t instanceof SQLTransientException || t instanceof SQLRecoverableException
                    || t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                var state = sql.getSQLState();
                // 08: connection lost; 57P: shut down or starting; 53: out of resources; 40001/40P01: retry
                if (state.startsWith("08") || state.startsWith("57P") || state.startsWith("53")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
        }
        return false;
    }
}
