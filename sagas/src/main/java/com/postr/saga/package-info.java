/** Process managers that coordinate aggregates through commands and events (checkout comes here). */
package com.postr.saga;
