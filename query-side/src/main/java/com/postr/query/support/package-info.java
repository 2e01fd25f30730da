/** What every projection shares: each event's writes isolated, so one poison event is parked, not retried forever. */
package com.postr.query.support;
