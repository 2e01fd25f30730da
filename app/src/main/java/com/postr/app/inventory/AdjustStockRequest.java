package com.postr.app.inventory;

import com.postr.api.inventory.AdjustmentReason;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record AdjustStockRequest(
        @NotNull @Min(-1_000_000) @Max(1_000_000) @Schema(example = "-2") Integer quantityChange,
        @NotNull AdjustmentReason reason,
        @Size(max = 500) String note) {
}
