package com.postr.app.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import java.util.Set;

/**
 * Masks personal data in event payloads for readers who may audit but not see it: every value under a field that
 * names a person, an address or an email, wherever it sits in the payload. The shape stays, so an auditor still
 * sees that an address was given and when it changed.
 */
@Component
public class PersonalData {

    static final String MASK = "***";
    private static final Set<String> PERSONAL = Set.of("name", "street", "city", "state", "zip", "email",
            "contact_email", "display_name", "customer_email", "phone");

    private final ObjectMapper httpMapper;

    PersonalData(ObjectMapper httpMapper) {
        this.httpMapper = httpMapper;
    }

    /** Whether a field (its last name in a path such as {@code shipping_address.city}) holds personal data. */
    static boolean isPersonal(String path) {
        return PERSONAL.contains(path.substring(path.lastIndexOf('.') + 1));
    }

    /** Replaces personal values in a JSON tree by {@value #MASK}, in place. */
    void maskIn(JsonNode tree) {
        mask(tree);
    }

    /** The payload as the API writes it, with personal values replaced by {@value #MASK}. */
    public JsonNode masked(Object payload) {
        var tree = httpMapper.valueToTree(payload);
        mask(tree);
        return tree;
    }

    /**
     * The payload as auditors read it: typed ids ({@code {"value": "ord_…"}}) as the plain strings they are, and
     * personal values masked when {@code mask}.
     */
    JsonNode forAudit(Object payload, boolean mask) {
        var tree = plainIds(httpMapper.valueToTree(payload));
        if (mask) {
            mask(tree);
        }
        return tree;
    }

    private static JsonNode plainIds(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.size() == 1 && object.has("value") && object.get("value").isTextual()) {
                return object.get("value");
            }
            object.fieldNames().forEachRemaining(field -> object.set(field, plainIds(object.get(field))));
        } else if (node instanceof com.fasterxml.jackson.databind.node.ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, plainIds(array.get(i)));
            }
        }
        return node;
    }

    private static void mask(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.fieldNames().forEachRemaining(field -> {
                var value = object.get(field);
                if (PERSONAL.contains(field) && value.isValueNode() && !value.isNull()) {
                    object.put(field, MASK);
                }
            });
            object.elements().forEachRemaining(PersonalData::mask);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(PersonalData::mask);
        }
    }
}
