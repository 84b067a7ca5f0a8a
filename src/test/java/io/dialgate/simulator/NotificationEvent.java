package io.dialgate.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;

/**
 * One notification before it is wrapped for delivery. Its ids are fixed at creation so that
 * wrapping it again (e.g. to send a duplicate) yields the same CorrelationId and EventBridge id.
 */
record NotificationEvent(
        String topicName, ObjectNode eventBody, String correlationId, String eventBridgeId, Instant time) {}
