package io.dialgate.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Unwraps the two envelopes Genesys events arrive in: a Genesys notification ({@code topicName}, {@code eventBody},
 * as on the WebSocket and from data actions) and an Amazon EventBridge event from the Genesys partner event source
 * ({@code detail-type}, {@code detail: {topicName, eventBody, ...}}).
 */
final class EnvelopeReader {

    private EnvelopeReader() {
    }

    /** The notification inside an element, or an explanation of why the element is neither envelope. */
    static Result read(JsonNode element) {
        if (element == null || !element.isObject()) {
            return Result.invalid("an event must be a JSON object");
        }
        JsonNode detail = element.get("detail");
        if (detail != null && detail.isObject()) {
            return fromNotificationFields(detail, text(detail, "timestamp").or(() -> text(element, "time")),
                    "EventBridge event: detail.");
        }
        if (element.has("topicName")) {
            return fromNotificationFields(element, Optional.empty(), "notification: ");
        }
        return Result.invalid("neither a Genesys notification ({topicName, eventBody}) nor an EventBridge event "
                + "({detail-type, detail: {topicName, eventBody}})");
    }

    private static Result fromNotificationFields(JsonNode node, Optional<String> time, String where) {
        Optional<String> topic = text(node, "topicName");
        if (topic.isEmpty()) {
            return Result.invalid(where + "topicName must be a non-empty string");
        }
        JsonNode body = node.get("eventBody");
        if (body == null || !body.isObject()) {
            return Result.invalid(where + "eventBody must be a JSON object");
        }
        return new Result(Optional.of(new Notification(topic.get(), body, time)), null);
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText()) : Optional.empty();
    }

    record Result(Optional<Notification> notification, String problem) {
        static Result invalid(String problem) {
            return new Result(Optional.empty(), problem);
        }
    }
}
