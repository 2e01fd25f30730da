package com.postr.app.cart;

import com.postr.api.catalog.Sku;
import com.postr.app.order.AddressJson;
import com.postr.app.order.PaymentMethodJson;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Request bodies of the cart resource. */
final class CartRequests {

    private CartRequests() {
    }

    record AddItem(@NotNull @Pattern(regexp = Sku.PATTERN, message = "must be a SKU such as WAVE-A3-MATTE")
                   @Schema(example = "WAVE-A3-MATTE") String sku,
                   @NotNull @Min(1) @Max(99) @Schema(example = "1") Integer quantity) {
    }

    record ChangeQuantity(@NotNull @Min(1) @Max(99) Integer quantity) {
    }

    record ApplyPromoCode(@NotBlank @Size(max = 32) @Schema(example = "SUMMER2026") String code) {
    }

    record Checkout(@NotNull @Valid AddressJson shippingAddress, @NotNull @Valid PaymentMethodJson paymentMethod,
                    @Email @Size(max = 254) String contactEmail) {
    }
}
