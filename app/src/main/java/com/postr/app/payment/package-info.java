/** HTTP edge of payments: the Stripe webhook. */
package com.postr.app.payment;
