package com.postr.app.web.filter;

import com.postr.app.web.filter.PayloadTooLargeException;

import java.io.IOException;

/** Raised while reading a request body that grows past the configured limit. */
public class PayloadTooLargeException extends IOException {

    private final long limit;

    public PayloadTooLargeException(long limit) {
        super("Request body is larger than " + limit + " bytes");
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }
}
