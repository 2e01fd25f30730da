package com.postr.app.audit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param showPersonalData whether auditors see names, addresses and emails in event payloads; masked otherwise
 *                         (staff, who serve the customers, always see them)
 */
@ConfigurationProperties("postr.audit")
public record AuditProperties(@DefaultValue("false") boolean showPersonalData) {
}
