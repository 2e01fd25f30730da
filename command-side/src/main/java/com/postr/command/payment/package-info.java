/** Payments: the gateway port with its Stripe and simulated adapters (the payment aggregate builds on it). */
package com.postr.command.payment;
