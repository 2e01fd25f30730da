/** Messages of carts: lines with snapshotted prices, optimistic concurrency by version, expiry and checkout. */

package com.postr.api.cart;
