/** HTTP resource for stock: levels, receipts, corrections and reservations per SKU. */
package com.postr.app.inventory;
