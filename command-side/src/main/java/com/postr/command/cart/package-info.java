/** The cart aggregate, its expiry, and checkout, which turns a cart into an order in one transaction. */
package com.postr.command.cart;
