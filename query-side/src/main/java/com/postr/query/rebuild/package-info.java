/**
 * Blue/green rebuilds of read models: a new version of a projection's tables is filled from the event store beside
 * the one that serves, then takes its place in one transaction.
 */
package com.postr.query.rebuild;
