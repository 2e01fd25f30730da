/** Stock per SKU: receipts, corrections and the reservations that orders hold, never beyond what is on hand. */
package com.postr.command.inventory;
