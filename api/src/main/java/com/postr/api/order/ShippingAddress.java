package com.postr.api.order;

/** @param country ISO 3166-1 alpha-2; @param state region code where taxes differ by region (US states) */
public record ShippingAddress(String name, String street, String city, String state, String zip, String country) {
}
