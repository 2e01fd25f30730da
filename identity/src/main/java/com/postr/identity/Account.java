package com.postr.identity;

import java.time.Instant;
import java.util.Set;

/** A stored account. The password hash never leaves the identity package. */
public record Account(String userId, String email, String passwordHash, String displayName, Set<Role> roles,
                      String plan, String status, Instant createdAt, Instant updatedAt, Instant lastLoginAt) {

    public static final String ACTIVE = "active";
    public static final String DISABLED = "disabled";

    public boolean active() {
        return ACTIVE.equals(status);
    }
}
