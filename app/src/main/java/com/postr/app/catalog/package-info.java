/** HTTP resource for the product catalog: request and response shapes and their mapping to api messages. */
package com.postr.app.catalog;
