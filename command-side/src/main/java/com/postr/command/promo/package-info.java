/** Promo codes: the admin-defined aggregate and the discounts and usage counting orders rely on. */
package com.postr.command.promo;
