package io.dialgate.dispatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A claimed contact as the upsert takes it: a {@code WritableDialerContact} carrying its id, built by the same merge
 * rule as the PUT ({@link ContactApplier#merged}), with only the properties that schema lets a client write.
 */
final class WritableContacts {

    /** The non-readOnly properties of {@code WritableDialerContact} (no {@code name}: the upsert has none). */
    private static final Set<String> WRITABLE = Set.of(
            "id",
            "contactListId",
            "data",
            "callable",
            "phoneNumberStatus",
            "contactableStatus",
            "latestWhatsAppEvaluations");

    private WritableContacts() {}

    /** Replace mode: what the CRM sent is the contact's complete data; nothing is read first. */
    static ObjectNode replacing(ClaimedContact contact) {
        return writable(ContactApplier.merged(Optional.empty(), contact), contact);
    }

    /** Merge mode: the contact as Genesys has it ({@code current}, from a read) with the pending columns on top. */
    static ObjectNode merging(JsonNode current, ClaimedContact contact) {
        return writable(ContactApplier.merged(Optional.of(current), contact), contact);
    }

    static ArrayNode array(List<ObjectNode> contacts) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        contacts.forEach(array::add);
        return array;
    }

    private static ObjectNode writable(ObjectNode merged, ClaimedContact contact) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("id", contact.contactId());
        merged.fields().forEachRemaining(field -> {
            if (WRITABLE.contains(field.getKey()) && !"id".equals(field.getKey())) {
                body.set(field.getKey(), field.getValue());
            }
        });
        return body;
    }
}
