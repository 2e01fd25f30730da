package com.postr.app.inventory;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

record ReserveStockRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{1,64}", message = "must be 1-64 letters, digits, '_' or '-'")
        @Schema(example = "ord_1234567890") String orderId,
        @NotNull @Min(1) @Max(1_000_000) @Schema(example = "2") Integer quantity,
        @Min(1) @Max(86_400) @Schema(description = "seconds the reservation holds; default 900") Integer ttlSeconds) {
}
