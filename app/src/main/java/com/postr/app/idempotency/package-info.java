/** {@code Idempotency-Key} handling for POST, PUT and PATCH: keys, stored answers and their replay. */
package com.postr.app.idempotency;
