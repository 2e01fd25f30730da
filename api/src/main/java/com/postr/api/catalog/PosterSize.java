package com.postr.api.catalog;

/** ISO 216 poster sizes the shop prints. */
public enum PosterSize {
    A4, A3, A2, A1
}
