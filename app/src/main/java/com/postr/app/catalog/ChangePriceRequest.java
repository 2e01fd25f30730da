package com.postr.app.catalog;

import com.postr.app.web.MoneyRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

record ChangePriceRequest(@NotNull @Valid MoneyRequest price) {
}
