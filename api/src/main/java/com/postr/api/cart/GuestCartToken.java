package com.postr.api.cart;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A guest cart's token is shown once; carts and read models keep only this hash of it. */
public final class GuestCartToken {

    private GuestCartToken() {
    }

    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Whether the token is the one whose hash is kept, compared in constant time. */
    public static boolean matches(String token, String keptHash) {
        return token != null && !token.isBlank() && token.length() <= 100 && keptHash != null
                && MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.UTF_8),
                keptHash.getBytes(StandardCharsets.UTF_8));
    }
}
