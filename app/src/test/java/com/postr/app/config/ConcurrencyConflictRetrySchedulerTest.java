package com.postr.app.config;

import com.postr.api.common.Rejection;
import com.postr.api.common.RejectionCode;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyConflictRetrySchedulerTest {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ConcurrencyConflictRetryScheduler scheduler =
            new ConcurrencyConflictRetryScheduler(executor, 3, 1, 5);
    private final GenericCommandMessage<String> command = new GenericCommandMessage<>("reserve");

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @SuppressWarnings("unchecked")
    private static java.util.List<Class<? extends Throwable>[]> failures(int n) {
        var list = new ArrayList<Class<? extends Throwable>[]>();
        for (int i = 0; i < n; i++) {
            list.add(new Class[] {ConcurrencyException.class});
        }
        return list;
    }

    @Test
    void retriesAConflictOnTheEventStoreEvenWithTheSqlCauseUnderIt() throws InterruptedException {
        var conflict = new ConcurrencyException("lost the race", new RuntimeException(new SQLException("dup", "23505")));
        var ran = new CountDownLatch(1);

        assertThat(scheduler.scheduleRetry(command, conflict, failures(1), ran::countDown)).isTrue();
        assertThat(ran.await(1, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void neverRetriesABusinessRefusal() {
        var refusal = new CommandExecutionException("no stock", null,
                new Rejection(RejectionCode.INSUFFICIENT_INVENTORY, "no stock", Map.of()));
        assertThat(scheduler.scheduleRetry(command, refusal, failures(1), () -> { })).isFalse();
    }

    @Test
    void neverRetriesACreationClash() {
        var clash = new AggregateStreamCreationException("id taken");
        assertThat(scheduler.scheduleRetry(command, clash, failures(1), () -> { })).isFalse();
    }

    @Test
    void givesUpAfterTheConfiguredNumberOfRetries() {
        var conflict = new ConcurrencyException("lost again");
        assertThat(scheduler.scheduleRetry(command, conflict, failures(3), () -> { })).isTrue();
        assertThat(scheduler.scheduleRetry(command, conflict, failures(4), () -> { })).isFalse();
    }
}
