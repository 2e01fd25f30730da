package com.postr.api.inventory;

public enum AdjustmentReason {
    COUNT_CORRECTION, DAMAGED, LOST, FOUND, RETURNED_TO_SUPPLIER
}
