package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One event the dialer posted to the events sink, or published on the notification channels' sockets
 * ({@link EventDelivery#WEBSOCKET}).
 *
 * @param status the HTTP status the sink answered, or -1 when the request failed (connection refused, timeout); on
 *     the WebSocket path 200 when at least one subscribed socket was sent it, else 0
 */
public record DeliveredEvent(Instant time, String topicName, JsonNode envelope, int status) {}
