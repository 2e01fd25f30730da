package com.postr.command.spi;

import java.time.Duration;

/** Checks that make a bad setting stop the app at start-up with a message naming the property. */
public final class Settings {

    private Settings() {
    }

    public static Duration positive(String property, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(property + " must be a positive duration (10s, 5m, 30d), not " + value);
        }
        return value;
    }

    public static int positive(String property, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(property + " must be a positive number, not " + value);
        }
        return value;
    }
}
