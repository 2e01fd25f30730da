/** The Spring Boot assembly: one deployable that runs the command, query and saga roles. */
package com.postr.app;
