/** The promo-code read model: definitions with how often each was used. */
package com.postr.query.promo;
