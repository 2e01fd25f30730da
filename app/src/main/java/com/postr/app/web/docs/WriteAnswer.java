package com.postr.app.web.docs;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Documents what a write answers (ReadYourWrites): {@code status} with the resource as reads show it, or
 * {@code 202} with the id and the version to wait for when the read model has not caught up in time. Handlers
 * return {@code ResponseEntity<?>} for that reason, which would leave their answer untyped in the OpenAPI document.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface WriteAnswer {

    /** The body of the answer when the read model shows the write. */
    Class<?> value();

    /** Its status: 200, or 201 for a write that creates. */
    String status() default "200";

    /** The id's name in the 202 body, e.g. {@code order_id}; empty for a write that never answers 202. */
    String pendingId() default "";
}
