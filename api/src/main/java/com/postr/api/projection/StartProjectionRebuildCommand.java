package com.postr.api.projection;

/** Starts rebuilding {@code projection} into a new version of its tables; answers the {@link ProjectionRebuild}. */
public record StartProjectionRebuildCommand(String projection) {
}
