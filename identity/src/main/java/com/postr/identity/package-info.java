/**
 * Who is calling and what they may do: accounts (bcrypt), RS256 access tokens from keys in PostgreSQL, rotating
 * refresh tokens, the role rules of every endpoint, and rate-limit buckets. Exposes a {@link
 * com.postr.identity.Caller} and the Spring Security configuration that produces it; it knows nothing of carts,
 * orders or the rest of the shop (docs/adr/0012).
 */
package com.postr.identity;
