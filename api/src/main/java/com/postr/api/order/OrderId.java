package com.postr.api.order;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/** Identifies an order, for example {@code ord_3f2c...}. */
public record OrderId(String value) {

    public OrderId {
        Objects.requireNonNull(value, "value");
    }

    public static OrderId generate() {
        return new OrderId("ord_" + UUID.randomUUID().toString().replace("-", ""));
    }

    /**
     * The same id for the same seed, every time: a request retried with its Idempotency-Key names the order the
     * first attempt placed, even after a crash lost that attempt's answer (docs/adr/0013).
     */
    public static OrderId derivedFrom(String seed) {
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            return new OrderId("ord_" + HexFormat.of().formatHex(digest, 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
