package com.postr.app.catalog;

import jakarta.validation.constraints.Size;

record DiscontinueRequest(@Size(max = 500) String reason) {
}
