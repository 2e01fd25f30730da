package com.postr.command.cart;

import java.time.Duration;

/** How long a cart may stay untouched before it is abandoned. */
public record CartExpiry(Duration after) {
}
