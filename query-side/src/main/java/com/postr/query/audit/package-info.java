/** Audit reads: an aggregate's full event history, straight from the event store. */
package com.postr.query.audit;
