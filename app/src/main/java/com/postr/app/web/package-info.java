/** HTTP plumbing shared by every resource: request ids, body limits, JSON settings, read-your-writes. */
package com.postr.app.web;
