/** How an order's price breakdown is computed: shipping, tax and rounding rules of the shop. */
package com.postr.command.pricing;
