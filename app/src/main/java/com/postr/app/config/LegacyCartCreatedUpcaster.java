package com.postr.app.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.postr.api.cart.CartCreatedEvent;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.axonframework.serialization.upcasting.event.SingleEventUpcaster;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.HexFormat;

/**
 * {@code CartCreatedEvent} revision 2 carries a guest cart's token hash; carts opened before then had theirs in
 * the edge's {@code guest_cart_token} table. Their old events are read as revision 2 with that hash added, so an
 * old guest cart can still be claimed with its token. Once no such cart is younger than the abandonment period,
 * this upcaster and the table can go.
 */
@Component
class LegacyCartCreatedUpcaster extends SingleEventUpcaster {

    private static final String TYPE = CartCreatedEvent.class.getName();
    private static final SimpleSerializedType REVISION_1 = new SimpleSerializedType(TYPE, null);
    private static final SimpleSerializedType REVISION_2 = new SimpleSerializedType(TYPE, "2");

    private final JdbcTemplate jdbc;

    LegacyCartCreatedUpcaster(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    protected boolean canUpcast(IntermediateEventRepresentation event) {
        return event.getType().equals(REVISION_1);
    }

    @Override
    protected IntermediateEventRepresentation doUpcast(IntermediateEventRepresentation event) {
        return event.upcastPayload(REVISION_2, JsonNode.class, payload -> {
            var object = (ObjectNode) payload;
            String hash = null;
            if (object.path("customerId").isNull() || object.path("customerId").isMissingNode()) {
                var cartId = object.path("cartId").path("value").asText(null);
                hash = jdbc.query("SELECT token_hash FROM guest_cart_token WHERE cart_id = ?",
                        (rs, i) -> HexFormat.of().formatHex(rs.getBytes(1)), cartId).stream().findFirst().orElse(null);
            }
            object.put("guestTokenHash", hash);
            return object;
        });
    }
}
