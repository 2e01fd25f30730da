package com.postr.api.cart;

/** A guest cart now belongs to this customer. */
public record CartAssignedToCustomerEvent(CartId cartId, String customerId) {
}
