package com.postr.app.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import java.time.Duration;

/**
 * @param maxRequestBody       largest request body accepted; larger ones get 413 before they are parsed
 * @param readYourWritesTimeout how long a write waits for the read model to show its effect (docs/api.md)
 */
@ConfigurationProperties("postr.http")
public record HttpProperties(@DefaultValue("256KB") DataSize maxRequestBody,
                             @DefaultValue("5s") Duration readYourWritesTimeout) {
}
