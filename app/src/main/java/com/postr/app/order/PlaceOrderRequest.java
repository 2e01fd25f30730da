package com.postr.app.order;

import com.postr.api.catalog.Sku;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Prices are never taken from the client: they come from the catalog at the moment of placement. */
record PlaceOrderRequest(
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Item> items,
        @NotNull @Valid Address shippingAddress,
        @NotNull @Valid PaymentMethod paymentMethod,
        @Size(max = 50) String promoCode) {

    record Item(@NotNull @Pattern(regexp = Sku.PATTERN, message = "must be a SKU such as WAVE-A3-MATTE")
                @Schema(example = "WAVE-A3-MATTE") String sku,
                @NotNull @Min(1) @Max(99) @Schema(example = "2") Integer quantity) {
    }

    record Address(@NotBlank @Size(max = 200) @Schema(example = "Erika Mustermann") String name,
                   @NotBlank @Size(max = 200) @Schema(example = "Heidestr. 17") String street,
                   @NotBlank @Size(max = 100) @Schema(example = "Köln") String city,
                   @Size(max = 100) String state,
                   @NotBlank @Size(max = 20) @Schema(example = "51147") String zip,
                   @NotNull @Pattern(regexp = "[A-Za-z]{2}", message = "must be an ISO 3166 country code such as DE")
                   @Schema(example = "DE") String country) {
    }

    /** A token from the payment provider; anything that could be card data is refused. */
    record PaymentMethod(@NotNull @Pattern(regexp = "card", message = "must be card") @Schema(example = "card")
                         String type,
                         @NotNull @Pattern(regexp = "(pm|tok)_[A-Za-z0-9_]{1,200}",
                                 message = "must be a payment provider token such as pm_card_visa, never card data")
                         @Schema(example = "pm_card_visa") String token) {
    }
}
