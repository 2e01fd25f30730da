package com.postr.api.cart;

import org.axonframework.serialization.Revision;

/**
 * @param guestTokenHash SHA-256 of a guest cart's token (hex); null for a customer's cart. Revision 2 added it;
 *                       older events are upcast with the hash the edge kept for them (docs/operations.md).
 */
@Revision("2")
public record CartCreatedEvent(CartId cartId, String customerId, String guestTokenHash) {
}
