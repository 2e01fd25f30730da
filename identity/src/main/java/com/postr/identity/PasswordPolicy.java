package com.postr.identity;


import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;

/**
 * A sensible minimum, after NIST SP 800-63B: long enough, not a well-known password, not the email address,
 * not one repeated character. No composition rules (they make passwords harder to remember, not to guess).
 * At most 72 bytes, because bcrypt ignores everything after that.
 */
final class PasswordPolicy {

    static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = Set.of("password", "password1", "password12", "password123",
            "password1234", "passw0rd", "1234567890", "12345678901", "123456789012", "0123456789", "qwertyuiop",
            "qwertyuiop1", "1q2w3e4r5t", "iloveyou12", "letmein123", "welcome123", "admin12345", "changeme12",
            "abcdefghij", "abc1234567", "football12", "baseball12", "sunshine12", "princess12", "postrposter",
            "poster1234", "trustno1234", "monkey12345", "dragon12345", "11111111111");

    private final int minLength;

    PasswordPolicy(int minLength) {
        this.minLength = minLength;
    }

    void check(String password, String email) {
        if (password == null || password.codePointCount(0, password.length()) < minLength) {
            reject("must be at least " + minLength + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            reject("must be at most " + MAX_BYTES + " bytes");
        }
        var lower = password.toLowerCase(Locale.ROOT);
        if (COMMON.contains(lower)) {
            reject("is too common");
        }
        if (lower.codePoints().distinct().count() < 4) {
            reject("needs more variety than " + lower.codePoints().distinct().count() + " different characters");
        }
        var local = email == null ? "" : email.toLowerCase(Locale.ROOT).split("@", 2)[0];
        if (local.length() >= 4 && lower.contains(local)) {
            reject("must not contain the email address");
        }
    }

    private static void reject(String why) {
        throw IdentityException.invalidField("password", why);
    }
}
