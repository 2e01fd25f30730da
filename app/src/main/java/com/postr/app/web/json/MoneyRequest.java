package com.postr.app.web.json;

import com.postr.app.web.json.MoneyRequest;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.postr.api.common.Money;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;

import java.math.BigDecimal;

@Schema(description = "An amount in a currency, e.g. {\"amount\": 29.99, \"currency\": \"EUR\"}")
public record MoneyRequest(
        @NotNull @Positive @DecimalMax("1000000") @Schema(example = "29.99") BigDecimal amount,
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as EUR")
        @Schema(example = "EUR") String currency) {

    @JsonIgnore
    @AssertTrue(message = "amount has more decimals than the currency allows, or the currency is unknown")
    boolean isRepresentable() {
        return amount == null || currency == null || Money.isRepresentable(amount, currency);
    }

    public Money toMoney() {
        return new Money(amount, currency);
    }
}
