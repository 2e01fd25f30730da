/** Messages for rebuilding a projection's read model beside the one that serves (blue/green). */
package com.postr.api.projection;
