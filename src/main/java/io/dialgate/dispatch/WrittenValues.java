package io.dialgate.dispatch;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/**
 * Whether Genesys already holds a contact's pending writes — how "Genesys holds an older value" is decided after a PUT
 * whose outcome is unknown (docs/DESIGN.md, "A PUT whose outcome is unknown"). Column by column: each written data
 * column equals the GET's {@code data} value as text; each written phone-number status equals
 * {@code phoneNumberStatus.<column>.callable}; a written {@code callable} equals the GET's. Any difference (or a
 * missing column) means Genesys holds something else — older, for nothing newer than the pending writes was accepted
 * — and the writes are PUT again.
 */
final class WrittenValues {

    private WrittenValues() {}

    static boolean heldBy(JsonNode current, ClaimedContact contact) {
        JsonNode data = current.path("data");
        for (Map.Entry<String, String> column : contact.data().entrySet()) {
            JsonNode value = data.get(column.getKey());
            if (value == null
                    || !value.isValueNode()
                    || value.isNull()
                    || !value.asText().equals(column.getValue())) {
                return false;
            }
        }
        JsonNode phones = current.path("phoneNumberStatus");
        for (Map.Entry<String, Boolean> phone : contact.phoneNumberStatus().entrySet()) {
            JsonNode callable = phones.path(phone.getKey()).get("callable");
            if (callable == null || !callable.isBoolean() || callable.booleanValue() != phone.getValue()) {
                return false;
            }
        }
        if (contact.callable().isPresent()) {
            JsonNode callable = current.get("callable");
            return callable != null
                    && callable.isBoolean()
                    && callable.booleanValue() == contact.callable().get();
        }
        return true;
    }
}
