/**
 * The HTTP edge shared by every controller, one subpackage per purpose: {@code filter} (what every request
 * passes), {@code gateway} (how controllers reach the buses), {@code json} (the shapes and rules of bodies),
 * {@code error} (the one error format, whichever layer refuses), {@code docs} (OpenAPI).
 */
package com.postr.app.web;
