package com.postr.app.order;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Clients cancel for their own reasons; OUT_OF_STOCK and the payment reasons belong to checkout. */
record CancelOrderRequest(
        @Pattern(regexp = "(?i)CUSTOMER_REQUEST|MERCHANT_DECISION|RETURNED",
                message = "must be CUSTOMER_REQUEST, MERCHANT_DECISION or RETURNED")
        @Schema(example = "CUSTOMER_REQUEST", defaultValue = "CUSTOMER_REQUEST") String reason,
        @Size(max = 500) String note) {
}
