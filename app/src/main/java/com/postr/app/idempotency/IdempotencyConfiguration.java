package com.postr.app.idempotency;

import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Scheduling for the hourly purge of expired keys ({@link IdempotencyStore#purgeExpired()}). */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class IdempotencyConfiguration {
}
