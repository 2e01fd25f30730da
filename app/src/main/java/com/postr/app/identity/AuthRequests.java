package com.postr.app.identity;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

/** Request bodies of the auth and user resources. */
final class AuthRequests {

    private AuthRequests() {
    }

    record Register(@NotBlank @Size(max = 254) @Schema(example = "mia@example.com") String email,
                    @NotNull @Size(max = 256) @Schema(example = "correct horse battery") String password,
                    @Size(max = 100) String displayName) {
    }

    /** {@code cart_id} with {@code cart_token}: a guest cart to attach to the account on the way in. */
    record Login(@NotBlank @Size(max = 254) @Schema(example = "mia@example.com") String email,
                 @NotNull @Size(max = 256) String password,
                 @Size(max = 64) String cartId,
                 @Size(max = 100) String cartToken) {
    }

    record Refresh(@NotBlank @Size(max = 200) String refreshToken) {
    }

    record UpdateProfile(@Size(max = 100) String displayName) {
    }

    /** Staff changes to an account; absent fields stay as they are. */
    record UpdateUser(@Size(max = 100) String displayName,
                      @Size(min = 1, max = 4) List<@NotBlank String> roles,
                      @Schema(allowableValues = {"standard", "premium"}) String plan,
                      @Schema(allowableValues = {"active", "disabled"}) String status) {
    }
}
