package com.postr.app.cart;

import com.postr.api.cart.AssignCartToCustomerCommand;
import com.postr.api.cart.CartId;
import com.postr.api.cart.CartResponse;
import com.postr.api.cart.FetchCartQuery;
import com.postr.app.identity.Caller;
import com.postr.app.web.gateway.Commands;
import com.postr.app.web.filter.Hashes;
import com.postr.app.web.gateway.Queries;
import com.postr.app.web.gateway.ReadYourWrites;
import com.postr.app.web.error.ApiException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;

/**
 * Whose cart it is. A signed-in customer's cart is theirs alone; a guest's cart answers to whoever holds its cart
 * token (returned once, at creation; only its SHA-256 is stored). Support and admins may look at any cart.
 * Everyone else gets 404, exactly as for a cart that does not exist, so ids cannot be probed.
 */
@Component
public class CartAccess {

    /** The header a guest sends their cart token in. */
    public static final String TOKEN_HEADER = "X-Cart-Token";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcTemplate jdbc;
    private final Queries queries;
    private final Commands commands;
    private final Clock clock;
    private final ReadYourWrites readYourWrites;

    CartAccess(JdbcTemplate jdbc, Queries queries, Commands commands, Clock clock, ReadYourWrites readYourWrites) {
        this.readYourWrites = readYourWrites;
        this.jdbc = jdbc;
        this.queries = queries;
        this.commands = commands;
        this.clock = clock;
    }

    /** A new guest cart's token: 256 random bits. */
    String issueToken(CartId cartId) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var token = "ct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        jdbc.update("INSERT INTO guest_cart_token (cart_id, token_hash, created_at) VALUES (?, ?, ?)",
                cartId.value(), Hashes.sha256(token), Timestamp.from(clock.instant()));
        return token;
    }

    /** The cart, if the caller may see it; else 404. */
    CartResponse readable(String cartId, Caller caller, String token) {
        var cart = fetch(cartId);
        if (owns(cart, caller, token) || caller.staff()) {
            return cart;
        }
        throw ApiException.notFound("Cart", cartId);
    }

    /** The cart, if the caller may change it (its owner or, for a guest cart, its token holder); else 404. */
    CartResponse writable(String cartId, Caller caller, String token) {
        var cart = fetch(cartId);
        if (owns(cart, caller, token)) {
            return cart;
        }
        throw ApiException.notFound("Cart", cartId);
    }

    /**
     * Attaches a guest cart to the signed-in caller, who proves their right to it with its token; answers the
     * cart's version once the read model shows the new owner (so the caller's next call finds it theirs). A cart
     * already theirs is left as it is.
     */
    public long claim(String cartId, String token, Caller caller) {
        return claim(fetch(cartId), token, caller);
    }

    /** As {@link #claim(String, String, Caller)}, for a cart the caller has just read. */
    long claim(CartResponse cart, String token, Caller caller) {
        var cartId = cart.cartId().value();
        if (caller.userId().equals(cart.customerId())) {
            return cart.version();
        }
        if (cart.customerId() != null || !tokenMatches(cartId, token)) {
            throw ApiException.notFound("Cart", cartId);
        }
        long version = commands.send(new AssignCartToCustomerCommand(cart.cartId(), caller.userId()));
        readYourWrites.await(() -> queries.find(new FetchCartQuery(cart.cartId()), CartResponse.class),
                view -> view.version() >= version);
        return version;
    }

    private boolean owns(CartResponse cart, Caller caller, String token) {
        if (cart.customerId() != null) {
            return caller.authenticated() && cart.customerId().equals(caller.userId());
        }
        return tokenMatches(cart.cartId().value(), token);
    }

    private boolean tokenMatches(String cartId, String token) {
        if (token == null || token.isBlank() || token.length() > 100) {
            return false;
        }
        var stored = jdbc.query("SELECT token_hash FROM guest_cart_token WHERE cart_id = ?",
                (rs, i) -> rs.getBytes(1), cartId);
        return !stored.isEmpty() && MessageDigest.isEqual(stored.get(0), Hashes.sha256(token));
    }

    private CartResponse fetch(String cartId) {
        return queries.find(new FetchCartQuery(new CartId(cartId)), CartResponse.class)
                .orElseThrow(() -> ApiException.notFound("Cart", cartId));
    }
}
