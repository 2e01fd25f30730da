/** HTTP resource for orders: placement, reading, listing, fulfilment transitions, cancellation and refunds. */
package com.postr.app.order;
