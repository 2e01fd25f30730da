package com.postr.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * The RS256 key pairs that sign access tokens, kept in {@code jwt_signing_key} so every node signs with and
 * accepts the same keys, across restarts. The first node to need a key creates it, under an advisory lock so two
 * nodes starting together do not each make one. Verification reloads the keys when a token names an unknown
 * {@code kid} (another node rotated), at most every few seconds, so forged kids cannot hammer the database.
 */
public class SigningKeys implements JWKSource<SecurityContext> {

    private static final long LOCK_ID = 0x706f7374724b6579L; // "postrKey"
    private static final Duration RELOAD_AT_MOST_EVERY = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private volatile List<RSAKey> keys = List.of();
    private volatile long loadedAtNanos;

    public SigningKeys(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The key new tokens are signed with: the newest active one, created if there is none. */
    public RSAKey signingKey() {
        var current = keys;
        if (current.isEmpty()) {
            synchronized (this) {
                if (keys.isEmpty()) {
                    transactions.executeWithoutResult(status -> {
                        jdbc.queryForObject("SELECT pg_advisory_xact_lock(?)", Object.class, LOCK_ID);
                        if (load().isEmpty()) {
                            create();
                        }
                    });
                    reload();
                }
                current = keys;
            }
        }
        return current.get(0);
    }

    /** The public halves of every active key, as published at {@code /.well-known/jwks.json}. */
    public JWKSet publicKeys() {
        signingKey(); // a fresh installation publishes the key it is about to sign with
        return new JWKSet(keys.stream().map(key -> (JWK) key.toPublicJWK()).toList());
    }

    /** Verification: the active public keys that match the token's header. */
    @Override
    public List<JWK> get(JWKSelector selector, SecurityContext context) {
        var matched = selector.select(new JWKSet(List.copyOf(keys)));
        if (matched.isEmpty() && System.nanoTime() - loadedAtNanos > RELOAD_AT_MOST_EVERY.toNanos()) {
            reload();
            matched = selector.select(new JWKSet(List.copyOf(keys)));
        }
        return matched.stream().map(JWK::toPublicJWK).toList();
    }

    private synchronized void reload() {
        keys = load();
        loadedAtNanos = System.nanoTime();
    }

    private List<RSAKey> load() {
        return jdbc.query("SELECT kid, private_key, public_key FROM jwt_signing_key WHERE active "
                + "ORDER BY created_at DESC", (rs, i) -> toKey(rs.getString(1), rs.getBytes(2), rs.getBytes(3)));
    }

    private void create() {
        try {
            var generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            var pair = generator.generateKeyPair();
            jdbc.update("INSERT INTO jwt_signing_key (kid, private_key, public_key, created_at) VALUES (?, ?, ?, ?)",
                    "key_" + UUID.randomUUID(), pair.getPrivate().getEncoded(), pair.getPublic().getEncoded(),
                    Timestamp.from(clock.instant()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate an RSA key pair", e);
        }
    }

    private static RSAKey toKey(String kid, byte[] privateDer, byte[] publicDer) {
        try {
            var factory = KeyFactory.getInstance("RSA");
            return new RSAKey.Builder((RSAPublicKey) factory.generatePublic(new X509EncodedKeySpec(publicDer)))
                    .privateKey((RSAPrivateKey) factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer)))
                    .keyID(kid).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.RS256).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Stored signing key " + kid + " cannot be read", e);
        }
    }
}
