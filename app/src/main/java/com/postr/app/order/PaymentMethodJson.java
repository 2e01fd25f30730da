package com.postr.app.order;

import com.postr.api.order.PaymentMethodRef;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

/** A token from the payment provider; anything that could be card data is refused. */
public record PaymentMethodJson(@NotNull @Pattern(regexp = "card", message = "must be card")
                                @Schema(example = "card") String type,
                                @NotNull @Pattern(regexp = "(pm|tok)_[A-Za-z0-9_]{1,200}",
                                        message = "must be a payment provider token such as pm_card_visa, "
                                                + "never card data")
                                @Schema(example = "pm_card_visa") String token) {

    public PaymentMethodRef toRef() {
        return new PaymentMethodRef(type, token);
    }
}
