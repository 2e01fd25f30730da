/**
 * Messages about checkouts in progress (the checkout process manager), for operators: which are still running,
 * since when, at which stage and with which deadlines, and ending one by hand.
 */
package com.postr.api.checkout;
