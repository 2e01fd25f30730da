package com.postr.app.identity;

import com.postr.identity.Role;
import com.postr.identity.Account;

import java.time.Instant;
import java.util.List;

/** An account as admins and its owner see it. */
record UserJson(String userId, String email, String displayName, List<String> roles, String plan, String status,
                Instant createdAt, Instant updatedAt, Instant lastLoginAt) {

    static UserJson of(Account a) {
        return new UserJson(a.userId(), a.email(), a.displayName(), a.roles().stream().map(Role::id).sorted().toList(),
                a.plan(), a.status(), a.createdAt(), a.updatedAt(), a.lastLoginAt());
    }

    /** What support sees: enough to find and help a customer, not their roles, plan or activity. */
    record Limited(String userId, String email, String displayName, String status, Instant createdAt) {

        static Limited of(Account a) {
            return new Limited(a.userId(), a.email(), a.displayName(), a.status(), a.createdAt());
        }
    }
}
