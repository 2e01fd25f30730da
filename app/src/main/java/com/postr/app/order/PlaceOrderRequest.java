package com.postr.app.order;

import com.postr.api.catalog.Sku;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;
import java.util.List;

/**
 * Prices are never taken from the client: they come from the catalog at the moment of placement. A line's
 * {@code price} is only checked against them (seed 003, section 3.3.1).
 */
record PlaceOrderRequest(
        @NotEmpty @Size(max = 50) List<@NotNull @Valid Item> items,
        @NotNull @Valid AddressJson shippingAddress,
        @NotNull @Valid PaymentMethodJson paymentMethod,
        @Size(max = 50) String promoCode,
        @Email @Size(max = 254) @Schema(example = "erika@example.com", description = "receives the confirmation")
        String contactEmail) {

    /** A line names its variant by {@code sku}, or by {@code product_id} when the product has one on sale. */
    record Item(@Pattern(regexp = Sku.PATTERN, message = "must be a SKU such as WAVE-A3-MATTE")
                @Schema(example = "WAVE-A3-MATTE", description = "the variant; give this or product_id")
                String sku,
                @Size(min = 1, max = 64) @Pattern(regexp = "[A-Za-z0-9_-]+", message = "must be a product id")
                @Schema(example = "prod_0b6f2a7c", description = "a product with one variant on sale; a product "
                        + "with several needs sku, and the error lists them")
                String productId,
                @NotNull @Min(1) @Max(99) @Schema(example = "2") Integer quantity,
                @Positive @DecimalMax("1000000") @Digits(integer = 7, fraction = 4)
                @Schema(example = "29.99", description = "the unit price the shopper saw, in the shop's currency; "
                        + "if it is no longer the price the order is refused with 409 PRICE_CHANGED")
                BigDecimal price) {
    }
}
