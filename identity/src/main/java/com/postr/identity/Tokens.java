package com.postr.identity;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.transaction.annotation.Transactional;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Access tokens (RS256 JWTs, 1 hour) and refresh tokens (opaque, 30 days, rotated on every use). A refresh token
 * presented a second time has leaked or been replayed: its whole family (everything since that login) is revoked,
 * so whoever holds the newer token must sign in again too.
 */
public class Tokens {

    private static final Logger log = LoggerFactory.getLogger(Tokens.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JwtEncoder encoder;
    private final SigningKeys keys;
    private final JdbcTemplate jdbc;
    private final Accounts accounts;
    private final IdentityProperties properties;
    private final Clock clock;

    public Tokens(JwtEncoder encoder, SigningKeys keys, JdbcTemplate jdbc, Accounts accounts,
                  IdentityProperties properties, Clock clock) {
        this.encoder = encoder;
        this.keys = keys;
        this.jdbc = jdbc;
        this.accounts = accounts;
        this.properties = properties;
        this.clock = clock;
    }

    public record Issued(String accessToken, long expiresIn, String refreshToken, long refreshExpiresIn,
                         Account account) {
    }

    /** After a successful login: a new token family. */
    @Transactional
    public Issued issue(Account account) {
        return issue(account, UUID.randomUUID());
    }

    /** Rotates a refresh token: the presented one is used up, a new one in the same family is returned. */
    @Transactional(noRollbackFor = IdentityException.class) // a detected reuse must stay revoked
    public Issued refresh(String refreshToken) {
        var hash = hash(refreshToken);
        var rows = jdbc.query("SELECT family_id, user_id, expires_at, rotated_at, revoked_at FROM refresh_token "
                        + "WHERE token_hash = ? FOR UPDATE",
                (rs, i) -> new Stored(rs.getObject(1, UUID.class), rs.getString(2), rs.getTimestamp(3).toInstant(),
                        rs.getTimestamp(4) != null, rs.getTimestamp(5) != null), hash);
        if (rows.isEmpty()) {
            throw invalid();
        }
        var stored = rows.get(0);
        var now = clock.instant();
        if (stored.revoked() || stored.expiresAt().isBefore(now)) {
            throw invalid();
        }
        if (stored.rotated()) {
            revokeFamily(stored.familyId(), now);
            log.warn("Refresh token reused for user {}: family {} revoked", stored.userId(), stored.familyId());
            throw invalid();
        }
        var account = accounts.find(stored.userId()).filter(Account::active).orElseThrow(Tokens::invalid);
        jdbc.update("UPDATE refresh_token SET rotated_at = ? WHERE token_hash = ?", Timestamp.from(now), hash);
        return issue(account, stored.familyId());
    }

    /** Logout: the token's family can no longer be refreshed. Unknown tokens are ignored (nothing to revoke). */
    @Transactional
    public void revoke(String refreshToken) {
        jdbc.update("UPDATE refresh_token SET revoked_at = ? WHERE revoked_at IS NULL AND family_id = "
                + "(SELECT family_id FROM refresh_token WHERE token_hash = ?)", Timestamp.from(clock.instant()),
                hash(refreshToken));
    }

    /** When an account is disabled or its roles change: every session must sign in again. */
    public void revokeAll(String userId) {
        jdbc.update("UPDATE refresh_token SET revoked_at = ? WHERE revoked_at IS NULL AND user_id = ?",
                Timestamp.from(clock.instant()), userId);
    }

    /** Expired tokens are of no use to anyone; keep the table small. */
    public int purgeExpired() {
        return jdbc.update("DELETE FROM refresh_token WHERE expires_at < ?", Timestamp.from(clock.instant()));
    }

    private Issued issue(Account account, UUID family) {
        var now = clock.instant();
        var key = keys.signingKey();
        var claims = JwtClaimsSet.builder().issuer(properties.issuer()).subject(account.userId())
                .issuedAt(now).notBefore(now).expiresAt(now.plus(properties.accessTokenTtl()))
                .id(UUID.randomUUID().toString())
                .claim("email", account.email())
                .claim("roles", account.roles().stream().map(Role::id).sorted().toList())
                .claim("plan", account.plan())
                .build();
        var header = JwsHeader.with(SignatureAlgorithm.RS256).keyId(key.getKeyID()).type("JWT").build();
        var access = encoder.encode(JwtEncoderParameters.from(header, claims)).getTokenValue();

        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var refresh = "rt_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant refreshExpiry = now.plus(properties.refreshTokenTtl());
        jdbc.update("INSERT INTO refresh_token (token_hash, family_id, user_id, issued_at, expires_at) "
                + "VALUES (?, ?, ?, ?, ?)", hash(refresh), family, account.userId(), Timestamp.from(now),
                Timestamp.from(refreshExpiry));
        return new Issued(access, properties.accessTokenTtl().toSeconds(), refresh,
                properties.refreshTokenTtl().toSeconds(), account);
    }

    private void revokeFamily(UUID family, Instant now) {
        jdbc.update("UPDATE refresh_token SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL",
                Timestamp.from(now), family);
    }

    private static IdentityException invalid() {
        return new IdentityException(IdentityException.Reason.UNAUTHORIZED, "The refresh token is invalid, expired or revoked; "
                + "sign in again");
    }

    static byte[] hash(String token) {
        return Digests.sha256(token == null ? "" : token);
    }

    private record Stored(UUID familyId, String userId, Instant expiresAt, boolean rotated, boolean revoked) {
    }
}
