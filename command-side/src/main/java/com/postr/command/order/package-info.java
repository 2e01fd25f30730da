/** The order aggregate: placement with fixed prices, the fulfilment state machine, cancellation and refunds. */
package com.postr.command.order;
