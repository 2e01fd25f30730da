/**
 * What every request passes before a controller: its id, body limit, refusal of inputs no endpoint can use,
 * security headers and CORS.
 */
package com.postr.app.web.filter;
