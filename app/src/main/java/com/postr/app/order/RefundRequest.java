package com.postr.app.order;

import com.postr.app.web.json.MoneyRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

record RefundRequest(@NotNull @Valid MoneyRequest amount, @Size(max = 100) String reference) {
}
