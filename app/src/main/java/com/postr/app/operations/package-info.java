/** What operators do to a running node: see its event processors, stop, start and reset them. */
package com.postr.app.operations;
