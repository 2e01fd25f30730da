package com.postr.api.order;

public enum CancellationReason {
    /** A line could not be reserved. */
    OUT_OF_STOCK,
    /** The payment provider declined the payment. */
    PAYMENT_DECLINED,
    /** No payment outcome arrived in time. */
    PAYMENT_TIMEOUT,
    /** The customer asked to cancel. */
    CUSTOMER_REQUEST,
    /** Staff cancelled it (fraud, address problem, ...). */
    MERCHANT_DECISION,
    /** A shipped order was sent back. */
    RETURNED,
    /** An operator gave up on a checkout that could not go on, and had it undone. */
    OPERATOR
}
