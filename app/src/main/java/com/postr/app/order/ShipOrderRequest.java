package com.postr.app.order;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

record ShipOrderRequest(@NotBlank @Size(max = 100) @Schema(example = "UPS") String carrier,
                        @NotBlank @Size(max = 100) @Schema(example = "1Z999AA10123456784") String trackingNumber) {
}
