package com.postr.app.promo;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.postr.api.promo.DiscountType;
import com.postr.app.web.json.MoneyRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.math.BigDecimal;
import java.time.Instant;

record DefinePromoCodeRequest(
        @NotNull @Pattern(regexp = "[A-Za-z0-9_-]{3,32}", message = "must be 3-32 letters, digits, '-' or '_'")
        @Schema(example = "SUMMER2026") String code,
        @NotNull @Schema(example = "PERCENTAGE") DiscountType type,
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 2)
        @Schema(example = "15") BigDecimal percentOff,
        @Valid MoneyRequest amountOff,
        @Valid MoneyRequest minimumOrderValue,
        Instant validFrom,
        Instant validUntil,
        @Min(1) @Max(10_000_000) Integer usageLimit) {

    @JsonIgnore
    @AssertTrue(message = "a PERCENTAGE code needs percent_off only, a FIXED_AMOUNT code amount_off only")
    boolean isDiscountConsistent() {
        return type == null || (type == DiscountType.PERCENTAGE ? percentOff != null && amountOff == null
                : amountOff != null && percentOff == null);
    }
}
