package com.postr.app.catalog;

import com.postr.api.catalog.PaperFinish;
import com.postr.api.catalog.PosterSize;
import com.postr.api.catalog.ProductVariant;
import com.postr.api.catalog.Sku;
import io.swagger.v3.oas.annotations.media.Schema;
import com.postr.app.web.json.MoneyRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

record VariantRequest(
        @NotNull @Pattern(regexp = Sku.PATTERN, message = "must be 3-64 upper-case letters, digits or dashes")
        @Schema(example = "WAVE-A3-MATTE") String sku,
        @NotNull PosterSize size,
        @NotNull Boolean framed,
        @NotNull PaperFinish paper,
        @NotNull @Valid MoneyRequest price) {

    ProductVariant toVariant() {
        return new ProductVariant(new Sku(sku), size, framed, paper, price.toMoney());
    }
}
