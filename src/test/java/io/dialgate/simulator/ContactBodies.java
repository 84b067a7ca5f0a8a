package io.dialgate.simulator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.LinkedHashMap;
import java.util.Map;

/** Reading the parts of a DialerContact body that the contact endpoints (one by one and in bulk) both read. */
final class ContactBodies {

    private ContactBodies() {}

    /** The body as JSON; null when it is empty or not JSON (the endpoint then answers 400). */
    static JsonNode parseOrNull(ObjectMapper mapper, String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** An object's fields as text ({@code data}). */
    static Map<String, String> textMap(JsonNode node) {
        Map<String, String> map = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /** {@code phoneNumberStatus}: column → callable; null when absent. */
    static Map<String, Boolean> phoneNumberStatus(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, Boolean> map = new LinkedHashMap<>();
        // a PhoneNumberStatus without "callable" says nothing against calling, so it counts as callable
        node.fields()
                .forEachRemaining(
                        e -> map.put(e.getKey(), e.getValue().path("callable").asBoolean(true)));
        return map;
    }
}
