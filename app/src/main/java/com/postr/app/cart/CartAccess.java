package com.postr.app.cart;

import com.postr.app.config.PerThreadRandom;
import com.postr.api.cart.CartId;
import com.postr.api.cart.CartResponse;
import com.postr.api.cart.ClaimCartCommand;
import com.postr.api.cart.FetchCartQuery;
import com.postr.api.cart.GuestCartToken;
import com.postr.identity.Caller;
import com.postr.identity.GuestCarts;
import com.postr.app.web.error.ApiException;
import com.postr.app.web.gateway.Commands;
import com.postr.app.web.gateway.Queries;
import com.postr.app.web.gateway.ReadYourWrites;
import org.springframework.stereotype.Component;

import java.util.Base64;

/**
 * Whose cart it is, as the cart read model shows it. A signed-in customer's cart is theirs alone; a guest's cart
 * answers to whoever holds its cart token (returned once, at creation; the Cart keeps only its hash). Support
 * and admins may look at any cart. Everyone else gets 404, exactly as for a cart that does not exist, so ids
 * cannot be probed. Claiming a guest cart is the Cart's own decision (ClaimCartCommand).
 */
@Component
public class CartAccess implements GuestCarts {

    private final Queries queries;
    private final Commands commands;
    private final ReadYourWrites readYourWrites;

    CartAccess(Queries queries, Commands commands, ReadYourWrites readYourWrites) {
        this.readYourWrites = readYourWrites;
        this.queries = queries;
        this.commands = commands;
    }

    /** A new guest cart's token: 256 random bits, shown to the guest once. */
    static String newToken() {
        var bytes = new byte[32];
        PerThreadRandom.nextBytes(bytes);
        return "ct_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
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
     * The signed-in caller claims a guest cart with its token (the Cart decides); answers the cart's version once
     * the read model shows the new owner, so the caller's next call finds it theirs.
     */
    @Override
    public long claim(String cartId, String token, Caller caller) {
        var id = new CartId(cartId);
        long version = commands.send(new ClaimCartCommand(id, caller.userId(), token));
        readYourWrites.await(() -> queries.find(new FetchCartQuery(id), CartResponse.class),
                view -> view.version() >= version);
        return version;
    }

    private boolean owns(CartResponse cart, Caller caller, String token) {
        if (cart.customerId() != null) {
            return caller.authenticated() && cart.customerId().equals(caller.userId());
        }
        return GuestCartToken.matches(token, cart.guestTokenHash());
    }

    private CartResponse fetch(String cartId) {
        return queries.find(new FetchCartQuery(new CartId(cartId)), CartResponse.class)
                .orElseThrow(() -> ApiException.notFound("Cart", cartId));
    }
}
