package com.postr.app.catalog;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

record ChangePriceRequest(@NotNull @Valid MoneyRequest price) {
}
