package com.postr.identity;

import java.util.Locale;
import java.util.Optional;

/**
 * The seed's roles (003, section 3.2), the auditor and the analyst. docs/security.md says which endpoint each may
 * call.
 */
public enum Role {
    CUSTOMER, ADMIN, SUPPORT, PARTNER,
    /** Reads every order's history and the audit log, changes nothing (docs/security.md). */
    AUDITOR,
    /** Reads the analytics reports, changes nothing (docs/security.md). */
    ANALYST;

    /** Roles that change nothing: a caller holding only these is refused every write. */
    public boolean readOnly() {
        return this == AUDITOR || this == ANALYST;
    }

    /** As written in tokens, the database and the API: lower case. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The Spring Security authority for this role. */
    public String authority() {
        return "ROLE_" + id();
    }

    public static Optional<Role> parse(String value) {
        if (value == null) {
            return Optional.empty();
        }
        for (var role : values()) {
            if (role.id().equalsIgnoreCase(value.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
