package com.postr.api.checkout;

import java.time.Instant;

/** How many active checkouts started before {@code startedBefore}; answers a {@code Long}. */
public record CountActiveCheckoutsQuery(Instant startedBefore) {
}
