/** How controllers reach the buses: bounded command and query sends, read-your-writes waits, event histories. */
package com.postr.app.web.gateway;
