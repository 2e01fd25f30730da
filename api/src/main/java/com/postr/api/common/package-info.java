/** Value types and the rejection contract shared by every aggregate's messages. */
package com.postr.api.common;
