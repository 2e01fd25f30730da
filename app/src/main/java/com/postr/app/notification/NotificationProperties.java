package com.postr.app.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** @param from the sender of order emails ({@code POSTR_MAIL_FROM}); SMTP itself is spring.mail.* */
@ConfigurationProperties("postr.mail")
public record NotificationProperties(@DefaultValue("orders@postr.example") String from) {
    public NotificationProperties {
        if (from == null || !from.matches("[^@\\s]+@[^@\\s]+")) {
            throw new IllegalArgumentException("postr.mail.from must be an email address, not '" + from + "'");
        }
    }
}
