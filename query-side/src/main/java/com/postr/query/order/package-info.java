/** The order-history read model: every order with its lines, prices, shipment, cancellation and timeline. */
package com.postr.query.order;
