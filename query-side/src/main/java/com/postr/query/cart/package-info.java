/** The cart read model: what a shopper sees in their cart, with totals; also what analytics counts. */
package com.postr.query.cart;
