package com.postr.api.projection;

/** A rebuild of a projection by id, running or finished (since this node started). */
public record FetchProjectionRebuildQuery(String projection, String id) {
}
