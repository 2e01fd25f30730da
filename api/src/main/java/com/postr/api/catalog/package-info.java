/** Messages of the product catalog: poster products and their sellable variants (SKUs). */
package com.postr.api.catalog;
