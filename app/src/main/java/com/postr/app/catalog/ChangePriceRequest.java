package com.postr.app.catalog;

import com.postr.app.web.json.MoneyRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

record ChangePriceRequest(@NotNull @Valid MoneyRequest price) {
}
