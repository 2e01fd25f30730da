/** The analysts' reports over HTTP, as JSON or streamed CSV (docs/analytics.md defines every figure). */
package com.postr.app.analytics;
