/**
 * What the command side publishes to the assembly, and all the app may see of it: the settings it binds (which
 * the HTTP edge reads too) and the node lease that work claims are made in. Everything else is internal.
 */
package com.postr.command.spi;
