package com.postr.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;

/**
 * The first admin. With {@code postr.security.initial-admin.email} and {@code .password} set (for example from
 * {@code POSTR_ADMIN_EMAIL} and {@code POSTR_ADMIN_PASSWORD}), that account is created if its email has none yet;
 * an existing account is never overwritten, so changing the variable later does not reset anyone's password.
 * Without them, and with no admin at all, one is created with a random password that is logged once: there is
 * no default password for anyone to guess.
 */
class InitialAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InitialAdmin.class);
    static final String GENERATED_EMAIL = "admin@postr.local";

    private final Accounts accounts;
    private final IdentityProperties properties;

    InitialAdmin(Accounts accounts, IdentityProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (properties.oidc().enabled()) {
            return; // accounts live at the external issuer
        }
        var configured = properties.initialAdmin();
        boolean hasEmail = configured.email() != null && !configured.email().isBlank();
        boolean hasPassword = configured.password() != null && !configured.password().isBlank();
        if (hasEmail != hasPassword) {
            throw new IllegalStateException("Set both postr.security.initial-admin.email and .password "
                    + "(POSTR_ADMIN_EMAIL, POSTR_ADMIN_PASSWORD), or neither");
        }
        if (hasEmail) {
            if (accounts.findByEmail(configured.email()).isEmpty()) {
                try {
                    create(configured.email(), configured.password());
                } catch (IdentityException e) {
                    if (e.reason() != IdentityException.Reason.EMAIL_ALREADY_REGISTERED) { // else another node was first: fine
                        throw new IllegalStateException("The initial admin cannot be created: " + e.getMessage(), e);
                    }
                }
                log.info("Created the initial admin account {}", Accounts.normalize(configured.email()));
            }
            return;
        }
        if (!accounts.anyWithRole(Role.ADMIN) && accounts.findByEmail(GENERATED_EMAIL).isEmpty()) {
            var bytes = new byte[18];
            new SecureRandom().nextBytes(bytes);
            var password = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            try {
                create(GENERATED_EMAIL, password);
            } catch (IdentityException e) {
                return; // another node created it at the same moment, and logged its password
            }
            log.warn("No admin was configured (POSTR_ADMIN_EMAIL, POSTR_ADMIN_PASSWORD). Created {} with the "
                    + "one-time generated password: {}  (it is not shown again)", GENERATED_EMAIL, password);
        }
    }

    private void create(String email, String password) {
        accounts.create(email, password, "Administrator", EnumSet.of(Role.ADMIN));
    }
}
