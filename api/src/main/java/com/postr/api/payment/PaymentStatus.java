package com.postr.api.payment;

public enum PaymentStatus {
    /** Authorization asked of the provider, no answer yet. */
    AUTHORIZATION_REQUESTED,
    /** The provider's answer was lost (timeout, 5xx); to be retried or reconciled. */
    OUTCOME_UNKNOWN,
    AUTHORIZED,
    DECLINED,
    CAPTURE_REQUESTED,
    CAPTURED,
    VOID_REQUESTED,
    VOIDED
}
