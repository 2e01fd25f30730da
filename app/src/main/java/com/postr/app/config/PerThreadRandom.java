package com.postr.app.config;

import org.axonframework.common.IdentifierFactory;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;

/**
 * Random identifiers and bytes from a strong generator of each thread's own. {@code UUID.randomUUID()} and every
 * {@code new SecureRandom()} on Linux draw from one generator behind JVM-wide locks; Axon names each message with a
 * random UUID, so under load every thread queued on those locks: a profile of 50 orders/s showed them as the most
 * contended monitors, with threads blocked there for seconds (docs/performance.md). A DRBG per thread, seeded once
 * from the system's entropy, gives identifiers of the same strength without the shared lock.
 */
public final class PerThreadRandom {

    private static final ThreadLocal<SecureRandom> GENERATOR = ThreadLocal.withInitial(() -> {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no DRBG", e);
        }
    });

    private PerThreadRandom() {
    }

    public static void nextBytes(byte[] bytes) {
        GENERATOR.get().nextBytes(bytes);
    }

    /** A random (version 4) UUID, as {@code UUID.randomUUID()} makes. */
    public static UUID uuid() {
        var bytes = new byte[16];
        nextBytes(bytes);
        bytes[6] = (byte) (bytes[6] & 0x0f | 0x40); // version 4
        bytes[8] = (byte) (bytes[8] & 0x3f | 0x80); // IETF variant
        long high = 0;
        long low = 0;
        for (int i = 0; i < 8; i++) {
            high = high << 8 | bytes[i] & 0xff;
            low = low << 8 | bytes[i + 8] & 0xff;
        }
        return new UUID(high, low);
    }

    /** Axon's message identifiers (found through META-INF/services): random UUIDs, as Axon's default makes. */
    public static final class MessageIdentifiers extends IdentifierFactory {
        @Override
        public String generateIdentifier() {
            return uuid().toString();
        }
    }
}
