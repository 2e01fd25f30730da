package com.postr.api.checkout;

import java.util.List;

/** Oldest first. */
public record ActiveCheckoutPage(List<ActiveCheckout> checkouts, long total) {
}
