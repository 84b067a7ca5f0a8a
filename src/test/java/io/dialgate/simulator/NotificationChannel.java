package io.dialgate.simulator;

import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.ServerWebSocket;

import java.time.Instant;
import java.util.List;

/**
 * One notification channel of the simulated notification service: who made it, until when it lives, what it is
 * subscribed to and the socket connected to it (Genesys allows one per channel).
 */
final class NotificationChannel {

    final String id;
    final String clientId;
    final Instant created;
    final Instant expires;
    volatile List<String> topics = List.of();
    volatile ServerWebSocket socket;
    volatile HttpConnection connection;
    volatile long heartbeatTimer = -1;
    volatile boolean closed;

    NotificationChannel(String id, String clientId, Instant created, Instant expires) {
        this.id = id;
        this.clientId = clientId;
        this.created = created;
        this.expires = expires;
    }

    boolean connected() {
        return socket != null && !closed;
    }
}
