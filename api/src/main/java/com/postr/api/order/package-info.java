/** Messages of orders: placement with fixed prices, the fulfilment state machine, cancellation and refunds. */
package com.postr.api.order;
