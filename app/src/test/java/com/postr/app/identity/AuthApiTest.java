package com.postr.app.identity;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import com.postr.app.support.HttpClient;
import com.postr.app.support.PostrIntegrationTest;
import com.postr.app.support.Users;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

@PostrIntegrationTest
class AuthApiTest {

    @LocalServerPort
    int port;

    HttpClient http;

    @BeforeEach
    void setUp() {
        http = new HttpClient(port);
    }

    private HttpClient.Response register(String email, String password) {
        return http.post("/api/v1/auth/register",
                "{\"email\": \"" + email + "\", \"password\": \"" + password + "\", \"display_name\": \"Mia\"}");
    }

    private HttpClient.Response login(String email, String password) {
        return http.post("/api/v1/auth/login", "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}");
    }

    private HttpClient.Response refresh(String token) {
        return http.post("/api/v1/auth/refresh", "{\"refresh_token\": \"" + token + "\"}");
    }

    @Test
    void aCustomerRegistersLogsInAndIsKnownByTheToken() throws Exception {
        var email = Users.uniqueEmail("Mia");
        var registered = register(email.toUpperCase(), "a long enough secret");
        assertThat(registered.status()).isEqualTo(201);
        assertThat(registered.json().get("email").asText()).isEqualTo(email.toLowerCase());
        assertThat(registered.json().get("roles").toString()).isEqualTo("[\"customer\"]");
        assertThat(registered.body()).doesNotContain("password");

        var login = login(email, "a long enough secret");
        assertThat(login.status()).isEqualTo(200);
        var tokens = login.json();
        assertThat(tokens.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(tokens.get("expires_in").asLong()).isEqualTo(3600);
        assertThat(tokens.get("refresh_expires_in").asLong()).isEqualTo(Duration.ofDays(30).toSeconds());
        assertThat(login.header("Cache-Control")).contains("no-store");

        // RS256, signed by a key published in the JWKS, with the seed's claims
        var jwt = SignedJWT.parse(tokens.get("access_token").asText());
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        var jwks = JWKSet.parse(http.get("/.well-known/jwks.json").body());
        var key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
        assertThat(key).isNotNull();
        assertThat(key.isPrivate()).isFalse();
        assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
        var claims = jwt.getJWTClaimsSet();
        assertThat(claims.getSubject()).isEqualTo(registered.json().get("user_id").asText());
        assertThat(claims.getStringClaim("email")).isEqualTo(email.toLowerCase());
        assertThat(claims.getStringListClaim("roles")).containsExactly("customer");
        assertThat(Duration.between(claims.getIssueTime().toInstant(), claims.getExpirationTime().toInstant()))
                .isEqualTo(Duration.ofHours(1));
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now().plusSeconds(3000));

        var me = http.withToken(tokens.get("access_token").asText()).get("/api/v1/users/me");
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("display_name").asText()).isEqualTo("Mia");
        assertThat(me.json().get("last_login_at").isNull()).isFalse();
    }

    @Test
    void registrationRefusesWeakPasswordsBadEmailsAndTakenAddresses() {
        var email = Users.uniqueEmail("weak");
        for (var weak : new String[] {"short", "password123", "aaaaaaaaaaaa", "abababababab", email}) {
            var refused = register(email, weak);
            assertThat(refused.status()).as(weak).isEqualTo(400);
            assertThat(refused.errorCode()).isEqualTo("VALIDATION_ERROR");
            assertThat(refused.json().at("/error/details/fields/0/field").asText()).isEqualTo("password");
        }
        assertThat(register(email, "x".repeat(40) + "ü".repeat(20)).status()).isEqualTo(400); // > 72 bytes
        assertThat(register("not-an-email", "a long enough secret").errorCode()).isEqualTo("VALIDATION_ERROR");
        assertThat(http.post("/api/v1/auth/register", "{\"email\": \"x@y.z\"").errorCode())
                .isEqualTo("INVALID_REQUEST");

        assertThat(register(email, "a long enough secret").status()).isEqualTo(201);
        var taken = register(email.toUpperCase(), "another long secret");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.errorCode()).isEqualTo("EMAIL_ALREADY_REGISTERED");
    }

    @Test
    void wrongCredentialsAllAnswerTheSame401() {
        var email = Users.uniqueEmail("creds");
        Users.register(http, email);
        var wrongPassword = login(email, "not the password at all");
        var unknownEmail = login(Users.uniqueEmail("nobody"), Users.PASSWORD);
        for (var refused : new HttpClient.Response[] {wrongPassword, unknownEmail}) {
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.errorCode()).isEqualTo("UNAUTHORIZED");
            assertThat(refused.json().at("/error/request_id").asText()).startsWith("req_");
        }
        assertThat(wrongPassword.json().at("/error/message")).isEqualTo(unknownEmail.json().at("/error/message"));
    }

    @Test
    void refreshTokensRotateAndAReusedOneRevokesTheWholeLogin() {
        var email = Users.uniqueEmail("rotate");
        Users.register(http, email);
        var first = login(email, Users.PASSWORD).json().get("refresh_token").asText();

        var rotated = refresh(first);
        assertThat(rotated.status()).isEqualTo(200);
        var second = rotated.json().get("refresh_token").asText();
        assertThat(second).isNotEqualTo(first);
        assertThat(http.withToken(rotated.json().get("access_token").asText()).get("/api/v1/users/me").status())
                .isEqualTo(200);

        // the used-up token comes back (stolen, or replayed): refused, and the newer one dies with it
        var reused = refresh(first);
        assertThat(reused.status()).isEqualTo(401);
        assertThat(reused.errorCode()).isEqualTo("UNAUTHORIZED");
        assertThat(refresh(second).status()).isEqualTo(401);

        // a fresh login is unaffected
        assertThat(refresh(login(email, Users.PASSWORD).json().get("refresh_token").asText()).status())
                .isEqualTo(200);
        assertThat(refresh("rt_made_up").status()).isEqualTo(401);
    }

    @Test
    void logoutRevokesTheRefreshToken() {
        var email = Users.uniqueEmail("logout");
        Users.register(http, email);
        var token = login(email, Users.PASSWORD).json().get("refresh_token").asText();
        var rotated = refresh(token).json().get("refresh_token").asText();

        var out = http.post("/api/v1/auth/logout", "{\"refresh_token\": \"" + rotated + "\"}");
        assertThat(out.status()).isEqualTo(204);
        assertThat(refresh(rotated).status()).isEqualTo(401);
    }

    @Test
    void anAdminDisablingAnAccountStopsItsLoginsAndRefreshes() {
        var email = Users.uniqueEmail("disabled");
        var userId = Users.register(http, email);
        var refreshToken = login(email, Users.PASSWORD).json().get("refresh_token").asText();

        var admin = Users.admin(port);
        var disabled = admin.patch("/api/v1/users/" + userId, "{\"status\": \"disabled\"}");
        assertThat(disabled.status()).isEqualTo(200);
        assertThat(disabled.json().get("status").asText()).isEqualTo("disabled");

        assertThat(login(email, Users.PASSWORD).status()).isEqualTo(401);
        assertThat(refresh(refreshToken).status()).isEqualTo(401);

        // and an admin cannot lock themselves out
        var self = admin.patch("/api/v1/users/" + Users.userId(admin), "{\"roles\": [\"customer\"]}");
        assertThat(self.status()).isEqualTo(409);
        assertThat(admin.patch("/api/v1/users/" + userId, "{\"roles\": [\"wizard\"]}").errorCode())
                .isEqualTo("VALIDATION_ERROR");
    }

    @Test
    void supportSeesALimitedViewOfAccountsAndAdminsTheWholeOne() {
        var email = Users.uniqueEmail("findme");
        var userId = Users.register(http, email);
        var support = Users.withRole(port, "support");
        var admin = Users.admin(port);

        var limited = support.get("/api/v1/users/" + userId).json();
        assertThat(limited.get("email").asText()).isEqualTo(email);
        assertThat(limited.has("roles")).isFalse();
        assertThat(limited.has("plan")).isFalse();
        assertThat(admin.get("/api/v1/users/" + userId).json().get("roles").toString()).isEqualTo("[\"customer\"]");

        var found = support.get("/api/v1/users?email=" + email.substring(0, 15));
        assertThat(found.json().at("/data/0/user_id").asText()).isEqualTo(userId);
        assertThat(found.json().at("/pagination/total_items").asLong()).isEqualTo(1);
        assertThat(support.patch("/api/v1/users/" + userId, "{\"plan\": \"premium\"}").status()).isEqualTo(403);
        assertThat(admin.get("/api/v1/users/usr_nope").errorCode()).isEqualTo("NOT_FOUND");
    }

    @Test
    void staffListAllAccountsWithoutAnEmailFilter() {
        var userId = Users.register(http, Users.uniqueEmail("listed"));
        for (var staff : new HttpClient[] {Users.admin(port), Users.withRole(port, "support")}) {
            for (var query : new String[] {"", "?email=", "?email=%20%20", "?page=1&limit=100"}) {
                var page = staff.get("/api/v1/users" + query);
                assertThat(page.status()).as(query + ": " + page.body()).isEqualTo(200);
                assertThat(page.json().at("/pagination/total_items").asLong()).isGreaterThanOrEqualTo(2);
            }
        }
        var everyone = Users.admin(port).get("/api/v1/users?limit=100").json();
        assertThat(everyone.get("data").findValuesAsText("user_id")).contains(userId);
    }

    @Test
    void anAdminCannotDemoteOrDisableThemselvesButAnotherAdminCan() {
        var first = Users.withRole(port, "admin");
        var firstId = Users.userId(first);
        for (var change : new String[] {"{\"roles\": [\"customer\"]}", "{\"status\": \"disabled\"}"}) {
            var refused = first.patch("/api/v1/users/" + firstId, change);
            assertThat(refused.status()).as(refused.body()).isEqualTo(409);
            assertThat(refused.errorCode()).isEqualTo("CONFLICT");
        }
        assertThat(first.patch("/api/v1/users/" + firstId, "{\"plan\": \"gold\"}").errorCode())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(first.patch("/api/v1/users/" + firstId, "{\"status\": \"frozen\"}").errorCode())
                .isEqualTo("VALIDATION_ERROR");
        assertThat(first.get("/api/v1/users/" + firstId).json().get("roles").toString()).isEqualTo("[\"admin\"]");

        var demoted = Users.admin(port).patch("/api/v1/users/" + firstId, "{\"roles\": [\"customer\"]}");
        assertThat(demoted.status()).as(demoted.body()).isEqualTo(200);
        assertThat(demoted.json().get("roles").toString()).isEqualTo("[\"customer\"]");
    }
}
