package com.postr.app.catalog;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** A partial update: absent fields stay as they are; a present title, artist or category must not be blank. */
record ChangeProductRequest(
        @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String title,
        @Size(max = 200) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String artist,
        @Size(max = 5000) String description,
        @Size(max = 100) @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") String category,
        @Size(max = 20) List<@NotBlank @Size(max = 50) String> tags,
        @Size(max = 20) List<@NotBlank @Size(max = 30) String> colors) {
}
