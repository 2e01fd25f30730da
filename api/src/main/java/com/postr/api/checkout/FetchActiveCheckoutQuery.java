package com.postr.api.checkout;

/** One active checkout by its saga id; none when it has ended or never existed. */
public record FetchActiveCheckoutQuery(String sagaId) {
}
