package com.postr.app.order;

import com.postr.api.catalog.Sku;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Prices are never taken from the client: they come from the catalog at the moment of placement. */
record PlaceOrderRequest(
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Item> items,
        @NotNull @Valid AddressJson shippingAddress,
        @NotNull @Valid PaymentMethodJson paymentMethod,
        @Size(max = 50) String promoCode,
        @Email @Size(max = 254) @Schema(example = "erika@example.com", description = "receives the confirmation")
        String contactEmail) {

    record Item(@NotNull @Pattern(regexp = Sku.PATTERN, message = "must be a SKU such as WAVE-A3-MATTE")
                @Schema(example = "WAVE-A3-MATTE") String sku,
                @NotNull @Min(1) @Max(99) @Schema(example = "2") Integer quantity) {
    }
}
