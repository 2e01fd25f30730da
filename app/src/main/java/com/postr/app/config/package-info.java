/** Infrastructure wiring: database, Axon stores and serializers, roles. */
package com.postr.app.config;
