package com.postr.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.postr.api.order.OrderPlacedEvent;
import com.postr.api.order.SalesChannel;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.stereotype.Component;

/**
 * {@code OrderPlacedEvent} revision 2 names its sales channel. Orders placed before that came through the shop's
 * own front, the only channel there was, so their events are read as revision 2 with channel WEB: the aggregate,
 * every projection, replays and the audit API see one shape. docs/operations.md, "Changing an event", is the
 * procedure this follows.
 */
@Component
class OrderPlacedSalesChannelUpcaster extends SingleEventUpcaster {

    private static final String TYPE = OrderPlacedEvent.class.getName();
    static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, null);
    static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            ((ObjectNode) payload).put("salesChannel", SalesChannel.WEB.name());
            return payload;
        });
    }
}
