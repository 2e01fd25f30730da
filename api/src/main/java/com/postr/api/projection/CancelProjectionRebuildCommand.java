package com.postr.api.projection;

/** Stops a running rebuild and drops what it built; the serving version is untouched. */
public record CancelProjectionRebuildCommand(String projection, String id) {
}
