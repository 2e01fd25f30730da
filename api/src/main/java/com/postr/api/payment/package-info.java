/** Messages of payments: authorization, capture, void and refunds, with outcomes from the payment provider. */
package com.postr.api.payment;
