/** Messages of promo codes: discounts an admin defines, with a validity window, a minimum and a usage limit. */
package com.postr.api.promo;
