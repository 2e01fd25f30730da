package com.postr.api.common;

/**
 * Machine-readable reasons a command is refused. The HTTP edge maps each to a status and the documented error
 * body, so clients branch on the code and never parse messages.
 */
public enum RejectionCode {
    /** The addressed aggregate does not exist. */
    NOT_FOUND,
    /** Input that passed syntax checks but breaks a domain rule (for example a non-positive price). */
    VALIDATION_ERROR,
    /** A SKU is already used by this or another product. */
    DUPLICATE_SKU,
    /** The product no longer accepts changes because it was discontinued. */
    PRODUCT_DISCONTINUED,
    /** The product has no variant with the given SKU. */
    UNKNOWN_VARIANT,
    /** Fewer units are available than a reservation asks for. */
    INSUFFICIENT_INVENTORY,
    /** The order already holds a reservation of this SKU with a different quantity. */
    RESERVATION_CONFLICT,
    /** There is no active reservation to commit (never made, released or expired). */
    RESERVATION_NOT_ACTIVE,
    /** A stock change would leave fewer units on hand than are reserved. */
    STOCK_BELOW_RESERVED,
    /** The order (or another state machine) does not allow this transition from its current state. */
    INVALID_STATE_TRANSITION,
    /** A SKU cannot be sold now (unknown, discontinued, or not priced in the shop's currency). */
    NOT_FOR_SALE,
    /** A price is in a currency other than the shop's one currency (postr.pricing.currency). */
    UNSUPPORTED_CURRENCY,
    /** The price the customer saw is no longer the price; details carry the current one. */
    PRICE_CHANGED,
    /** The shop does not ship to the given destination. */
    UNSUPPORTED_DESTINATION,
    /** The promo code does not exist, is not valid now, or does not apply to this order. */
    PROMO_CODE_INVALID,
    /** A rule of the domain withholds this from the one asking (a customer cancelling after the window). */
    NOT_PERMITTED,
    /** Someone else changed the aggregate concurrently; re-read and retry. */
    CONCURRENT_MODIFICATION
}
