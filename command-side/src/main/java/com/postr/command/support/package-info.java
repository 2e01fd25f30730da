/** Command-side plumbing shared by every aggregate. */
package com.postr.command.support;
