/**
 * Who is calling: accounts, passwords, access and refresh tokens, the signing keys and their JWKS, and the
 * role × endpoint rules (docs/security.md). Identity is an edge concern kept in plain tables, not in the event
 * store (docs/adr/0012); commands carry the caller in their metadata instead.
 */
package com.postr.app.identity;
