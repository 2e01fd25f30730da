package com.postr.app.notification;

import com.postr.api.order.OrderConfirmedEvent;
import com.postr.api.order.OrderLine;
import com.postr.api.order.OrderPlacedEvent;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.DisallowReplay;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;

import java.util.stream.Collectors;

/**
 * Emails the customer when an order is confirmed. It runs in its own tracking processor: if the SMTP server is
 * down, sending fails, the processor retries with back-off, and later emails wait their turn instead of being
 * lost. With no SMTP server configured ({@code spring.mail.host}), the email is written to the log. Emails are
 * never sent again on a replay.
 */
@Component
@ProcessingGroup(OrderConfirmationEmails.PROCESSING_GROUP)
class OrderConfirmationEmails {

    static final String PROCESSING_GROUP = "order-emails";
    private static final Logger log = LoggerFactory.getLogger(OrderConfirmationEmails.class);

    private final EventStore events;
    private final ObjectProvider<JavaMailSender> mailSender;
    private final String from;

    OrderConfirmationEmails(EventStore events, ObjectProvider<JavaMailSender> mailSender,
                            NotificationProperties properties) {
        this.events = events;
        this.mailSender = mailSender;
        this.from = properties.from();
    }

    @EventHandler
    @DisallowReplay
    void on(OrderConfirmedEvent event) {
        // the order as placed: its first event, read from the event store, which is never behind
        var placed = events.readEvents(event.orderId().value()).asStream().map(m -> m.getPayload())
                .filter(OrderPlacedEvent.class::isInstance).map(OrderPlacedEvent.class::cast).findFirst()
                .orElseThrow(() -> new IllegalStateException("No placement for order " + event.orderId()));
        if (placed.contactEmail() == null) {
            return;
        }
        var message = new SimpleMailMessage();
        message.setFrom(from);
        message.setTo(placed.contactEmail());
        message.setSubject("Your Postr order " + placed.orderId() + " is confirmed");
        message.setText(body(placed));
        var sender = mailSender.getIfAvailable();
        if (sender == null) {
            log.info("Order confirmation (no SMTP configured) to {}:\n{}", placed.contactEmail(), message.getText());
        } else {
            sender.send(message); // a failure propagates: the processor retries this event
        }
    }

    private static String body(OrderPlacedEvent placed) {
        var p = placed.prices();
        var lines = placed.lines().stream().map(OrderConfirmationEmails::line).collect(Collectors.joining("\n"));
        return """
                Hello %s,

                thank you for your order %s. It is confirmed and will be on its way soon.

                %s

                Subtotal  %s
                Discount  %s
                Tax       %s
                Shipping  %s
                Total     %s %s

                Postr
                """.formatted(placed.shippingAddress().name(), placed.orderId(), lines,
                p.subtotal().amount().toPlainString(), p.discount().amount().toPlainString(),
                p.tax().amount().toPlainString(), p.shipping().amount().toPlainString(),
                p.total().amount().toPlainString(), p.total().currency());
    }

    private static String line(OrderLine line) {
        return "%d × %s (%s)  %s".formatted(line.quantity(), line.title(), line.sku(),
                line.lineTotal().amount().toPlainString());
    }
}
