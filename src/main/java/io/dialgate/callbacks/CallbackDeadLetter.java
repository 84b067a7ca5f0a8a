package io.dialgate.callbacks;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * A callback that failed for its whole retry window, as the dead-letter API lists it: its id (the {@code webhook-id}
 * a replay sends again), type, contact, when it happened and was given up, the attempts, the last failure, and the
 * body it carries.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CallbackDeadLetter(
        String id,
        String type,
        String contactListId,
        String contactId,
        Instant occurredAt,
        Instant deadLetteredAt,
        int attempts,
        String lastError,
        JsonNode payload) {

    static CallbackDeadLetter of(String id, Map<String, String> fields, ObjectMapper json) {
        String member = fields.getOrDefault("m", ":");
        int split = member.indexOf(':');
        QueuedCallback event = QueuedCallback.of(member, id, "", fields);
        JsonNode payload;
        try {
            payload = json.readTree(CallbackBody.of(event, json));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("CallbackBody writes JSON", e);
        }
        return new CallbackDeadLetter(
                id,
                event.type(),
                member.substring(0, split),
                member.substring(split + 1),
                Instant.ofEpochMilli(event.at()),
                instant(fields.get("dead")),
                event.attempt(),
                fields.get("lastError"),
                payload);
    }

    private static Instant instant(String millis) {
        return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
