/** What auditors ask of the event store: everything that concerns an order, in the order it happened. */
package com.postr.api.audit;
