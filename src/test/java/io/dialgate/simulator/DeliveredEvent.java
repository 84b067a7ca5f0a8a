package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event the dialer posted to the events sink.
 *
 * @param status the HTTP status the sink answered, or -1 when the request failed (connection refused, timeout)
 */
public record DeliveredEvent(Instant time, String topicName, JsonNode envelope, int status) {}
