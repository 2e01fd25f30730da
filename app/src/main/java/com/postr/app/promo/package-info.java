/** HTTP resource for promo codes, which admins define and deactivate. */
package com.postr.app.promo;
