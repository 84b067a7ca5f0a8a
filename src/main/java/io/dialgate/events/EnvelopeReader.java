package io.dialgate.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * Unwraps the two envelopes Genesys events arrive in: a Genesys notification ({@code topicName}, {@code eventBody},
 * as on the WebSocket and from data actions) and an Amazon EventBridge event from the Genesys partner event source
 * ({@code detail-type}, {@code detail: {topicName, eventBody, ...}}).
 */
final class EnvelopeReader {

    private EnvelopeReader() {}

    /** The notification inside an element, or an explanation of why the element is neither envelope. */
    static Result read(JsonNode element) {
        if (element == null || !element.isObject()) {
            return new Result.Invalid("an event must be a JSON object");
        }
        JsonNode detail = element.get("detail");
        if (detail != null && detail.isObject()) {
            return fromNotificationFields(
                    detail, text(detail, "timestamp").or(() -> text(element, "time")), "EventBridge event: detail.");
        }
        if (element.has("topicName")) {
            return fromNotificationFields(element, Optional.empty(), "notification: ");
        }
        return new Result.Invalid("neither a Genesys notification ({topicName, eventBody}) nor an EventBridge event "
                + "({detail-type, detail: {topicName, eventBody}})");
    }

    private static Result fromNotificationFields(JsonNode node, Optional<String> time, String where) {
        Optional<String> topic = text(node, "topicName");
        if (topic.isEmpty()) {
            return new Result.Invalid(where + "topicName must be a non-empty string");
        }
        JsonNode body = node.get("eventBody");
        if (body == null || !body.isObject()) {
            return new Result.Invalid(where + "eventBody must be a JSON object");
        }
        return new Result.Unwrapped(new Notification(topic.get(), body, time));
    }

    static Optional<String> text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank()
                ? Optional.of(value.asText())
                : Optional.empty();
    }

    /** The notification an element carries, or why it carries none. */
    sealed interface Result {

        record Unwrapped(Notification notification) implements Result {}

        /** {@code problem} says what is wrong, for the rejected event in the answer. */
        record Invalid(String problem) implements Result {}
    }
}
