package com.postr.api.order;

/** Where an order came from: the shop's own web front, or a partner's integration through the API. */
public enum SalesChannel {
    WEB, PARTNER_API
}
