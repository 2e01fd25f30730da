/** The analysts' read model: facts written by events, figures summed from them per query (docs/analytics.md). */
package com.postr.query.analytics;
