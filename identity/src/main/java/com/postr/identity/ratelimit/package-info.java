/** Token-bucket rate limits per user, or per client IP for guests, kept in PostgreSQL so every node shares them. */
package com.postr.identity.ratelimit;
