/**
 * What analysts ask: sales, orders, products, the cart funnel, payments and promo codes over a range of days in the
 * business time zone. Each figure is defined once, in docs/analytics.md.
 */
package com.postr.api.analytics;
