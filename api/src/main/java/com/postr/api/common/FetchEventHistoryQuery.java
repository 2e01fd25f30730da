package com.postr.api.common;

/** Every event of one aggregate, in order: what auditors replay. */
public record FetchEventHistoryQuery(String aggregateId) {
}
