package com.postr.identity;

import java.util.Map;
import java.util.Set;

/**
 * What an admin may change of an account, and the rules that go with it: a plan is standard or premium, a status
 * active or disabled; no admin can demote or disable their own account (another admin must), so the shop never
 * loses its last admin by a slip; and a change of roles, or a disabled account, ends the account's sessions, so
 * the next refresh cannot carry the old roles.
 */
public class AccountAdministration {

    static final Set<String> PLANS = Set.of("standard", "premium");

    private final Accounts accounts;
    private final Tokens tokens;

    AccountAdministration(Accounts accounts, Tokens tokens) {
        this.accounts = accounts;
        this.tokens = tokens;
    }

    /** Null leaves a value as it is. */
    public Account change(Caller by, String userId, String displayName, Set<Role> roles, String plan, String status) {
        var account = accounts.find(userId).orElseThrow(() -> IdentityException.notFound("User", userId));
        if (plan != null && !PLANS.contains(plan)) {
            throw IdentityException.invalidField("plan", "must be standard or premium");
        }
        if (status != null && !Set.of(Account.ACTIVE, Account.DISABLED).contains(status)) {
            throw IdentityException.invalidField("status", "must be active or disabled");
        }
        boolean self = userId.equals(by.userId());
        if (self && (Account.DISABLED.equals(status) || roles != null && !roles.contains(Role.ADMIN))) {
            throw new IdentityException(IdentityException.Reason.CONFLICT,
                    "Admins cannot demote or disable their own account", Map.of("user_id", userId));
        }
        var updated = accounts.update(userId, displayName, roles, plan, status);
        if (!updated.roles().equals(account.roles()) || !updated.active()) {
            tokens.revokeAll(userId);
        }
        return updated;
    }
}
