/** The OpenAPI document the app serves about itself. */
package com.postr.app.web.docs;
