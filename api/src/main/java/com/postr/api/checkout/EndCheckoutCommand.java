package com.postr.api.checkout;

/**
 * Ends a checkout without letting it act again: its deadlines are cancelled and it is forgotten. Nothing is
 * compensated; an operator who ends one has settled the order by other means.
 */
public record EndCheckoutCommand(String sagaId) {
}
