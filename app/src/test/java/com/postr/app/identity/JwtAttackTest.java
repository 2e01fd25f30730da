package com.postr.app.identity;

import com.postr.identity.SigningKeys;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.postr.app.support.HttpClient;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Forged and broken tokens get 401 in the standard error format. The "real key" cases sign with the app's own
 * private key (read from the database, as an attacker who had it would), to prove expiry and issuer are checked
 * on their own, not only the signature.
 */
@PostrIntegrationTest
class JwtAttackTest {

    @LocalServerPort
    int port;

    @Autowired
    SigningKeys keys;

    HttpClient http;
    String customerId;

    @BeforeEach
    void setUp() {
        http = new HttpClient(port);
        customerId = Users.userId(Users.customer(port));
    }

    private JWTClaimsSet.Builder claims(String... roles) {
        var now = Instant.now();
        return new JWTClaimsSet.Builder().issuer("postr-commerce").subject(customerId)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600)))
                .claim("roles", List.of(roles));
    }

    private static String signed(RSAKey key, JWTClaimsSet claims) throws Exception {
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private void assertRefused(String token) {
        var response = http.withToken(token).get("/api/v1/users/me");
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(response.json().at("/error/request_id").asText()).startsWith("req_");
        assertThat(response.header("WWW-Authenticate")).startsWith("Bearer error=\"invalid_token\"");
    }

    @Test
    void aProperlySignedTokenIsAccepted() throws Exception {
        var response = http.withToken(signed(keys.signingKey(), claims("customer").build())).get("/api/v1/users/me");
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().get("user_id").asText()).isEqualTo(customerId);
    }

    @Test
    void anUnsignedTokenWithAlgNoneIsRefused() {
        assertRefused(new PlainJWT(claims("admin").build()).serialize());
        // and the classic trick of keeping a signature-less "none" header on a real token's shape
        var header = Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));
        var payload = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(claims("admin").build().toString().getBytes(StandardCharsets.UTF_8));
        assertRefused(header + "." + payload + ".");
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefusedEvenUnderOurKeyId() throws Exception {
        var stranger = new RSAKeyGenerator(2048).keyID(keys.signingKey().getKeyID()).generate();
        assertRefused(signed(stranger, claims("admin").build()));
        assertRefused(signed(new RSAKeyGenerator(2048).keyID("key_other").generate(), claims("admin").build()));
    }

    @Test
    void hs256KeyedWithOurPublicKeyIsRefused() throws Exception {
        var secret = keys.signingKey().toPublicJWK().toRSAPublicKey().getEncoded(); // public, so attackers have it
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(keys.signingKey().getKeyID())
                .build(), claims("admin").build());
        jwt.sign(new MACSigner(java.util.Arrays.copyOf(secret, 64)));
        assertRefused(jwt.serialize());
    }

    @Test
    void anExpiredTokenIsRefusedThoughItsSignatureIsGood() throws Exception {
        var past = Instant.now().minusSeconds(3600);
        assertRefused(signed(keys.signingKey(), claims("customer").issueTime(Date.from(past.minusSeconds(3600)))
                .expirationTime(Date.from(past)).build()));
    }

    @Test
    void aTokenFromAnotherIssuerIsRefused() throws Exception {
        assertRefused(signed(keys.signingKey(), claims("customer").issuer("https://evil.example").build()));
    }

    @Test
    void tamperedClaimsBreakTheSignature() {
        var customer = Users.customer(port).token();
        var parts = customer.split("\\.");
        var payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"customer\"", "\"admin\"");
        assertThat(payload).contains("\"admin\"");
        var forged = parts[0] + "." + Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        assertRefused(forged);
    }

    @Test
    void garbageAndMissingTokensGet401() {
        assertRefused("not.a.jwt");
        assertRefused("x");
        var missing = http.get("/api/v1/users/me");
        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(missing.header("WWW-Authenticate")).isEqualTo("Bearer");
    }
}
