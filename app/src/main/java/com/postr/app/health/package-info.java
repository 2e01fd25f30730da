/** Actuator health contributions beyond the database: event processors. */
package com.postr.app.health;
