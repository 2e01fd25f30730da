/** Messages of inventory: stock per SKU and the reservations orders hold against it. */
package com.postr.api.inventory;
