package com.postr.app.catalog;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

record RegisterProductRequest(
        @NotBlank @Size(max = 200) @Schema(example = "The Great Wave off Kanagawa") String title,
        @NotBlank @Size(max = 200) @Schema(example = "Hokusai") String artist,
        @Size(max = 5000) String description,
        @NotBlank @Size(max = 100) @Schema(example = "japanese-art") String category,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
        @Size(max = 20) List<@NotBlank @Size(max = 30) String> colors,
        @NotEmpty @Size(max = 32) List<@NotNull @Valid VariantRequest> variants) {
}
