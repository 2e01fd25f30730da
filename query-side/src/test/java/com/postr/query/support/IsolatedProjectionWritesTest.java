package com.postr.query.support;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.CannotAcquireLockException;

import java.sql.SQLException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which failures are the event's (parked in the dead-letter queue) and which are the database's (the batch is
 * retried): parking an event because the database restarted would drop it from the read model for good.
 */
class IsolatedProjectionWritesTest {

    @Test
    void aLostConnectionARestartOrADeadlockIsTheDatabasesNotTheEvents() {
        assertThat(IsolatedProjectionWrites.databaseAway(new JDBCConnectionException("gone",
                new SQLException("An I/O error occurred", "08006")))).isTrue();
        assertThat(IsolatedProjectionWrites.databaseAway(new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01")))).isTrue();
        assertThat(IsolatedProjectionWrites.databaseAway(new SQLException("deadlock detected", "40P01"))).isTrue();
        assertThat(IsolatedProjectionWrites.databaseAway(new CannotAcquireLockException("locked"))).isTrue();
    }

    @Test
    void aValueOrConstraintTheDatabaseRefusesIsTheEvents() {
        assertThat(IsolatedProjectionWrites.databaseAway(new RuntimeException(
                new SQLException("invalid byte sequence for encoding \"UTF8\": 0x00", "22021")))).isFalse();
        assertThat(IsolatedProjectionWrites.databaseAway(new ConstraintViolationException("duplicate",
                new SQLException("duplicate key value", "23505"), "pk"))).isFalse();
        assertThat(IsolatedProjectionWrites.databaseAway(new IllegalStateException("view missing"))).isFalse();
    }
}
