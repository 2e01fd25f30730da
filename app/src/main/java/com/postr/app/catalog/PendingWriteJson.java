package com.postr.app.catalog;

/** Answer to a write whose effect the read model has not shown within the wait: it is stored, reads will catch up. */
record PendingWriteJson(String productId, long version, String status) {
}
