package com.postr.app.identity;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.postr.app.support.HttpClient;
import com.postr.app.support.PostrIntegrationTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Instant;
import java.util.Date;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * With an external OpenID Connect issuer configured, the app is purely a resource server: it verifies that
 * issuer's tokens against its published JWKS (served here by WireMock) and has no accounts of its own.
 */
@PostrIntegrationTest
class OidcResourceServerTest {

    private static final String ISSUER = "https://id.postr.example/realms/shop";
    private static final RSAKey IDP_KEY;
    private static final WireMockServer IDP = new WireMockServer(options().dynamicPort());

    static {
        try {
            IDP_KEY = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        IDP.start();
        IDP.stubFor(get(urlEqualTo("/jwks")).willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody(new JWKSet(IDP_KEY.toPublicJWK()).toString())));
    }

    @DynamicPropertySource
    static void issuer(DynamicPropertyRegistry registry) {
        registry.add("postr.security.oidc.issuer", () -> ISSUER);
        registry.add("postr.security.oidc.jwk-set-uri", () -> "http://127.0.0.1:" + IDP.port() + "/jwks");
        registry.add("postr.security.oidc.roles-claim", () -> "groups");
    }

    @AfterAll
    static void stop() {
        IDP.stop();
    }

    @LocalServerPort
    int port;

    private static String token(RSAKey key, String issuer, String groups) throws Exception {
        var now = Instant.now();
        var claims = new JWTClaimsSet.Builder().issuer(issuer).subject("ext-user-42")
                .claim("email", "ops@postr.example").claim("groups", groups)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300))).build();
        var jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                .type(JOSEObjectType.JWT).build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    @Test
    void theIssuersTokensCarryTheCallerAndTheirRoles() throws Exception {
        var http = new HttpClient(port).withToken(token(IDP_KEY, ISSUER, "admin offline_access"));
        var me = http.get("/api/v1/users/me");
        assertThat(me.status()).as(me.body()).isEqualTo(200);
        assertThat(me.json().get("user_id").asText()).isEqualTo("ext-user-42");
        assertThat(me.json().get("roles").toString()).isEqualTo("[\"admin\"]");
        // an admin by the issuer's word may manage the catalog
        var created = http.post("/api/v1/products", com.postr.app.support.Products.registration("IdP", "oidc",
                com.postr.app.support.Products.uniqueSku("OIDC")));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        var history = http.get("/api/v1/products/" + created.json().get("product_id").asText() + "/events");
        assertThat(history.json().at("/events/0/metadata/user_id").asText()).isEqualTo("ext-user-42");
    }

    @Test
    void tokensNotFromTheIssuerAreRefused() throws Exception {
        var stranger = new RSAKeyGenerator(2048).keyID("idp-1").generate();
        var forged = token(stranger, ISSUER, "admin");
        var foreign = token(IDP_KEY, "https://evil.example", "admin");
        for (var bad : new String[] {forged, foreign}) {
            var refused = new HttpClient(port).withToken(bad).get("/api/v1/users/me");
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("UNAUTHORIZED");
        }
        var customer = new HttpClient(port).withToken(token(IDP_KEY, ISSUER, "customer"));
        assertThat(customer.post("/api/v1/products", "{}").status()).isEqualTo(403);
    }

    @Test
    void localAccountsAreSwitchedOff() {
        var login = new HttpClient(port).post("/api/v1/auth/login",
                "{\"email\": \"someone@example.com\", \"password\": \"whatever it is\"}");
        assertThat(login.status()).isEqualTo(404);
        assertThat(login.errorCode()).isEqualTo("NOT_FOUND");
        assertThat(new HttpClient(port).post("/api/v1/auth/register",
                "{\"email\": \"someone@example.com\", \"password\": \"a long enough secret\"}").status())
                .isEqualTo(404);
    }
}
