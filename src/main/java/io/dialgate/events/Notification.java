package io.dialgate.events;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Optional;

/**
 * A Genesys notification taken out of its envelope: the topic, its event body, and the time the envelope gives (an
 * EventBridge {@code detail.timestamp} or {@code time}), used only when the body has no {@code eventTime}.
 */
record Notification(String topicName, JsonNode eventBody, Optional<String> envelopeTime) {}
