/** The single error format of the API (seed 003, section 3.4) and the mapping of every failure onto it. */
package com.postr.app.web.error;
