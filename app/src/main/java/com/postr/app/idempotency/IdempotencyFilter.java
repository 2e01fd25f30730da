package com.postr.app.idempotency;

import com.postr.app.web.filter.PayloadTooLargeException;
import com.postr.app.web.error.ErrorCode;
import com.postr.app.web.error.ErrorResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.MDC;
import com.postr.api.cart.GuestCartToken;
import com.postr.app.web.CartTokenHeader;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.util.AntPathMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code Idempotency-Key} on POST, PUT and PATCH (seed 3.7): the first request with a key runs and its answer is
 * kept for 24 hours; a retry with the same key and the same request gets that answer again, marked
 * {@code Idempotent-Replayed: true}, without running anything twice; the same key with a different request is
 * refused with {@code 409 DUPLICATE_REQUEST}. A duplicate that arrives while the first still runs waits for its
 * answer. Keys are scoped per caller (a signed-in user, or a guest by their cart token).
 * <p>
 * Runs after the body-size limit, so the body it buffers to fingerprint is bounded.
 */
@Component
@Order(0)
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    public static final String REPLAYED = "Idempotent-Replayed";
    /** Logging context and command metadata key (AuditMetadataConfiguration). */
    public static final String MDC_KEY = "idempotency_key";
    /** Whose key it is; with the key, names the effects a request applied (IdempotentEffects). */
    public static final String MDC_SCOPE = "idempotency_scope";
    private static final String SCOPED_KEY = IdempotencyFilter.class.getName() + ".scopedKey";

    private static final Set<String> METHODS = Set.of("POST", "PUT", "PATCH");
    private static final Pattern ACCEPTABLE = Pattern.compile("[\\x21-\\x7E]{1,255}");
    /** Headers of the first answer that a replay repeats. */
    private static final List<String> KEPT_HEADERS = List.of(HttpHeaders.LOCATION, HttpHeaders.ETAG,
            HttpHeaders.CONTENT_TYPE);
    private static final AntPathMatcher PATHS = new AntPathMatcher();

    private final IdempotencyStore store;
    private final IdempotencyProperties properties;
    private final ErrorResponses errors;

    IdempotencyFilter(IdempotencyStore store, IdempotencyProperties properties, ErrorResponses errors) {
        this.store = store;
        this.properties = properties;
        this.errors = errors;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !covers(request.getMethod(), request.getRequestURI());
    }

    /** Whether requests with this method and path take part; OpenAPI documents the header by the same rule. */
    static boolean covers(String method, String path) {
        return METHODS.contains(method) && path.startsWith("/api/v1/")
                // Stripe retries webhooks with the same event id; that endpoint deduplicates by it
                && !path.startsWith("/api/v1/payments/stripe/")
                // tokens must not be stored for replay, and login/refresh are safe to retry as they are
                && !path.startsWith("/api/v1/auth/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var key = request.getHeader(HEADER);
        if (key == null) {
            if (required(request)) {
                errors.write(request, response, ErrorCode.VALIDATION_ERROR, "This request needs an " + HEADER
                        + " header (a UUID, say), so that retrying it can never act twice", Map.of("header", HEADER));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        var scope = scope(request);
        if (scope == null) {
            // a guest without a cart token is nobody in particular: keeping their answer (a new cart's token)
            // where any other guest could replay it with the same key would leak it; guests' creations are
            // harmless to repeat anyway
            chain.doFilter(request, response);
            return;
        }
        if (!ACCEPTABLE.matcher(key).matches()) {
            errors.write(request, response, ErrorCode.VALIDATION_ERROR, HEADER
                    + " must be 1 to 255 visible ASCII characters", Map.of("header", HEADER));
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (PayloadTooLargeException e) {
            errors.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage(), Map.of("max_bytes", e.limit()));
            return;
        }
        var fingerprint = fingerprint(request, body);

        long deadline = System.nanoTime() + properties.waitForFirst().toNanos();
        // claiming again while waiting takes the key over as soon as its holder failed or its node died
        OptionalLong generation;
        while ((generation = store.claim(scope, key, fingerprint)).isEmpty()) {
            if (answeredAsDuplicate(request, response, scope, key, fingerprint, deadline)) {
                return;
            }
            sleep();
        }
        var scoped = new ScopedKey(scope, key, generation.getAsLong());
        request.setAttribute(SCOPED_KEY, scoped);
        var recorded = new ContentCachingResponseWrapper(response);
        boolean kept = false;
        MDC.put(MDC_KEY, key);
        MDC.put(MDC_SCOPE, scoped.effectScope());
        try {
            chain.doFilter(new BufferedRequest(request, body), recorded);
            if (recorded.getStatus() < 500) {
                store.complete(scope, key, recorded.getStatus(), headersOf(recorded), recorded.getContentAsByteArray());
                kept = true;
            }
        } finally {
            MDC.remove(MDC_KEY);
            MDC.remove(MDC_SCOPE);
            if (!kept) {
                // nothing worth replaying happened: a retry may run again (released as soon as the database answers,
                // so the answer already given, a 503 say, never turns into a 500 here)
                store.releaseSoon(scope, key);
            }
            recorded.copyBodyToResponse();
        }
    }

    /** Answers a request whose key is taken, if it can be answered now; false to wait and claim again. */
    private boolean answeredAsDuplicate(HttpServletRequest request, HttpServletResponse response, String scope,
                                        String key, String fingerprint, long deadline) throws IOException {
        var entry = store.find(scope, key);
        if (entry.isPresent() && !entry.get().fingerprint().equals(fingerprint)) {
            errors.write(request, response, ErrorCode.DUPLICATE_REQUEST, "This " + HEADER
                    + " was already used for a different request; use a new key for a new request",
                    Map.of("idempotency_key", key));
            return true;
        }
        if (entry.isPresent() && entry.get().completed()) {
            replay(response, entry.get());
            return true;
        }
        if (System.nanoTime() > deadline) {
            response.setHeader("Retry-After", "1");
            errors.write(request, response, ErrorCode.DUPLICATE_REQUEST, "A request with this " + HEADER
                    + " is still being processed; retry later to get its answer",
                    Map.of("idempotency_key", key, "in_progress", true));
            return true;
        }
        return false;
    }

    /** The caller's key of the request being served, once claimed: controllers derive stable ids from it. */
    public static Optional<ScopedKey> scopedKey(HttpServletRequest request) {
        return request.getAttribute(SCOPED_KEY) instanceof ScopedKey scoped ? Optional.of(scoped) : Optional.empty();
    }

    /**
     * An Idempotency-Key within its caller's scope, unique across callers, and its generation: the same for every
     * retry of one request, new when the key is reused after it expired.
     */
    public record ScopedKey(String scope, String key, long generation) {
        /** A seed for ids that must come out the same on every retry of this request. */
        public String seed() {
            return scope + "\n" + key + "\n" + generation;
        }

        /** Whose effects a command records (IdempotentEffects): this caller's, this generation's. */
        String effectScope() {
            return scope + "#" + generation;
        }
    }

    private static void replay(HttpServletResponse response, IdempotencyStore.Entry entry) throws IOException {
        response.setStatus(entry.status());
        if (entry.headers() != null) {
            for (var line : entry.headers().split("\n")) {
                int colon = line.indexOf(':');
                if (colon > 0) {
                    response.setHeader(line.substring(0, colon), line.substring(colon + 1));
                }
            }
        }
        response.setHeader(REPLAYED, "true");
        if (entry.body() != null) {
            response.setContentLength(entry.body().length);
            response.getOutputStream().write(entry.body());
        }
    }

    private boolean required(HttpServletRequest request) {
        return required(request.getMethod(), request.getRequestURI());
    }

    /** {@code path} may be an OpenAPI template ({@code /carts/{cartId}/checkout}): a pattern's * matches it. */
    boolean required(String method, String path) {
        return method.equals("POST") && properties.requiredPaths().stream()
                .anyMatch(pattern -> PATHS.match(pattern, path));
    }

    /**
     * Keys are per caller: a user's keys never collide with (or replay to) anyone else. A guest is known by the
     * cart token they present, so one guest cannot replay another's answer either; a guest without one has no
     * scope (null).
     */
    private static String scope(HttpServletRequest request) {
        var user = request.getUserPrincipal();
        if (user != null) {
            return "user:" + user.getName();
        }
        var cartToken = request.getHeader(CartTokenHeader.NAME);
        return cartToken == null ? null : "guest:" + GuestCartToken.hash(cartToken);
    }

    private static String headersOf(HttpServletResponse response) {
        var out = new StringBuilder();
        for (var name : KEPT_HEADERS) {
            var value = response.getHeader(name);
            if (value != null) {
                out.append(name).append(':').append(value).append('\n');
            }
        }
        return out.toString();
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            var digest = MessageDigest.getInstance("SHA-256");
            var head = request.getMethod() + ' ' + request.getRequestURI() + '?'
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + '\n'
                    + (request.getContentType() == null ? "" : request.getContentType()) + '\n';
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The request with its body already read (to fingerprint it), readable again by the controller. */
    private static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            var in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("blocking reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(),
                    getCharacterEncoding() == null ? StandardCharsets.UTF_8
                            : java.nio.charset.Charset.forName(getCharacterEncoding())));
        }
    }
}
