/** The catalog read model: products and their variants as shoppers browse them. */
package com.postr.query.catalog;
