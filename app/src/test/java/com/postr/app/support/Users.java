package com.postr.app.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** Signed-in test clients: the configured admin (application-test.yml), fresh customers and staff. */
public final class Users {

    public static final String ADMIN_EMAIL = "admin@postr.test";
    public static final String ADMIN_PASSWORD = "fixture-only-secret-7";
    public static final String PASSWORD = "a-test-password-42";

    private static final Map<String, String> ADMIN_TOKENS = new ConcurrentHashMap<>();

    private Users() {
    }

    /** The admin of the app on this port (its token is cached: it lasts an hour, longer than the suite). */
    public static HttpClient admin(int port) {
        return admin(new HttpClient(port), "http://localhost:" + port);
    }

    public static HttpClient admin(HttpClient http, String cacheKey) {
        var token = ADMIN_TOKENS.computeIfAbsent(cacheKey, key -> login(http, ADMIN_EMAIL, ADMIN_PASSWORD)
                .path("access_token").asText());
        return http.anonymous().withToken(token);
    }

    /** A newly registered customer. */
    public static HttpClient customer(int port) {
        return customer(new HttpClient(port));
    }

    public static HttpClient customer(HttpClient http) {
        var email = uniqueEmail("customer");
        register(http, email);
        return http.anonymous().withToken(login(http, email, PASSWORD).path("access_token").asText());
    }

    /** A newly registered account that the admin gave this role (support, partner, admin or customer). */
    public static HttpClient withRole(int port, String role) {
        var http = new HttpClient(port);
        var email = uniqueEmail(role);
        var userId = register(http, email);
        var changed = admin(port).patch("/api/v1/users/" + userId, "{\"roles\": [\"" + role + "\"]}");
        if (changed.status() != 200) {
            throw new IllegalStateException("Could not make " + email + " " + role + ": " + changed.body());
        }
        return http.anonymous().withToken(login(http, email, PASSWORD).path("access_token").asText());
    }

    public static String uniqueEmail(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    /** Registers with {@link #PASSWORD}; answers the user id. */
    public static String register(HttpClient http, String email) {
        var registered = http.anonymous().post("/api/v1/auth/register",
                "{\"email\": \"" + email + "\", \"password\": \"" + PASSWORD + "\"}");
        if (registered.status() != 201) {
            throw new IllegalStateException("Could not register " + email + ": " + registered.body());
        }
        return registered.json().path("user_id").asText();
    }

    /** The login answer: access_token, refresh_token, user. */
    public static JsonNode login(HttpClient http, String email, String password) {
        var login = http.anonymous().post("/api/v1/auth/login",
                "{\"email\": \"" + email + "\", \"password\": \"" + password + "\"}");
        if (login.status() != 200) {
            throw new IllegalStateException("Could not log in " + email + ": " + login.body());
        }
        return login.json();
    }

    /** The user id (token subject) of a signed-in client. */
    public static String userId(HttpClient http) {
        return http.get("/api/v1/users/me").json().path("user_id").asText();
    }
}
