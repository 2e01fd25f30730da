package com.postr.app.inventory;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record ReceiveStockRequest(@NotNull @Min(1) @Max(1_000_000) @Schema(example = "10") Integer quantity,
                           @Size(max = 100) @Schema(example = "PO-2026-0042") String reference) {
}
