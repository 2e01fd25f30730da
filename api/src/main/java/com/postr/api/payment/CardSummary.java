package com.postr.api.payment;

/**
 * What may be shown of the card that paid: the provider's brand name ({@code visa}, {@code mastercard},
 * {@code amex}, ...) and the last four digits. Never the number, expiry or any other card data.
 */
public record CardSummary(String brand, String last4) {
}
