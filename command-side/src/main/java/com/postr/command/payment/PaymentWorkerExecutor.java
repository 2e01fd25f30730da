package com.postr.command.payment;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The threads that call the payment provider: a few, so a slow provider cannot exhaust the application's. */
@Component
class PaymentWorkerExecutor implements DisposableBean {

    private final ScheduledExecutorService service = Executors.newScheduledThreadPool(4, runnable -> {
        var thread = new Thread(runnable, "payment-gateway");
        thread.setDaemon(true);
        return thread;
    });

    ScheduledExecutorService service() {
        return service;
    }

    @Override
    public void destroy() {
        service.shutdownNow();
    }
}
