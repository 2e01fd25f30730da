package com.postr.identity;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param issuer             the {@code iss} of tokens the app signs (and requires)
 * @param accessTokenTtl     lifetime of an access token (seed: 1 hour)
 * @param refreshTokenTtl    lifetime of a refresh token (seed: 30 days); each refresh starts it again
 * @param bcryptStrength     bcrypt cost; 10 takes about 100 ms a hash, which slows guessing and not people
 * @param passwordMinLength  shortest password accepted at registration
 * @param initialAdmin       the first admin account, created at start-up if no account has that email yet
 * @param oidc               an external OpenID Connect issuer; when set, the app only verifies its tokens
 * @param publicMetrics      {@code /actuator/prometheus} without a token, for scrapers on a private network
 */
@ConfigurationProperties("postr.security")
public record IdentityProperties(@DefaultValue("postr-commerce") String issuer,
                                 @DefaultValue("1h") Duration accessTokenTtl,
                                 @DefaultValue("30d") Duration refreshTokenTtl,
                                 @DefaultValue("10") int bcryptStrength,
                                 @DefaultValue("10") int passwordMinLength,
                                 @DefaultValue InitialAdmin initialAdmin,
                                 @DefaultValue Oidc oidc,
                                 @DefaultValue("false") boolean publicMetrics) {

    public IdentityProperties {
        if (accessTokenTtl == null || accessTokenTtl.isZero() || accessTokenTtl.isNegative()
                || refreshTokenTtl == null || refreshTokenTtl.compareTo(accessTokenTtl) < 0) {
            throw new IllegalArgumentException("postr.security.access-token-ttl must be positive and no longer than "
                    + "postr.security.refresh-token-ttl");
        }
        if (bcryptStrength < 4 || bcryptStrength > 31) {
            throw new IllegalArgumentException("postr.security.bcrypt-strength must be 4 to 31, not " + bcryptStrength);
        }
        if (passwordMinLength < 8) {
            throw new IllegalArgumentException("postr.security.password-min-length must be at least 8");
        }
    }

    /** Both empty: no admin is created from configuration (a random password is generated and logged once). */
    public record InitialAdmin(String email, String password) {
    }

    /**
     * @param issuer     the external issuer's {@code iss}; setting it switches local accounts off
     * @param jwkSetUri  where its signing keys are published
     * @param rolesClaim the claim holding the caller's roles (a list or a space/comma separated string)
     */
    public record Oidc(String issuer, String jwkSetUri, @DefaultValue("roles") String rolesClaim) {

        public boolean enabled() {
            return issuer != null && !issuer.isBlank();
        }
    }
}
