package com.postr.app.order;

import com.postr.api.order.ShippingAddress;
import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.Locale;

/** A shipping address as clients send it, for orders and cart checkout alike. */
public record AddressJson(@NotBlank @Size(max = 200) @Schema(example = "Erika Mustermann") String name,
                          @NotBlank @Size(max = 200) @Schema(example = "Heidestr. 17") String street,
                          @NotBlank @Size(max = 100) @Schema(example = "Köln") String city,
                          @Size(max = 100) String state,
                          @NotBlank @Size(max = 20) @Schema(example = "51147") String zip,
                          @NotNull @Pattern(regexp = "[A-Za-z]{2}",
                                  message = "must be an ISO 3166 country code such as DE")
                          @Schema(example = "DE") String country) {

    public ShippingAddress toShippingAddress() {
        return new ShippingAddress(name.strip(), street.strip(), city.strip(), state == null ? null : state.strip(),
                zip.strip(), country.toUpperCase(Locale.ROOT));
    }
}
