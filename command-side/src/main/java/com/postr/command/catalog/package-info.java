/** The product aggregate and the catalog-wide SKU registry. */
package com.postr.command.catalog;
