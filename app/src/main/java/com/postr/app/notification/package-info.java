/** Messages to customers triggered by events: the order confirmation email. */
package com.postr.app.notification;
