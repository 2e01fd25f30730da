package com.postr.api.catalog;

public enum ProductStatus {
    ACTIVE, DISCONTINUED
}
