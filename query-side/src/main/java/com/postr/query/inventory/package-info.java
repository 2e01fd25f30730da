/** The stock-level read model: on hand, reserved and available per SKU. */
package com.postr.query.inventory;
