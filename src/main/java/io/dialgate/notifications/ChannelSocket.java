package io.dialgate.notifications;

import io.quarkus.websockets.next.BasicWebSocketConnector;
import io.quarkus.websockets.next.WebSocketClientConnection;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiConsumer;

/**
 * One Genesys notification channel and the WebSocket connected to it. Times are {@link System#nanoTime()} readings:
 * when anything last arrived, when a heartbeat or pong last arrived, when a ping was last sent.
 */
final class ChannelSocket {

    /** What a socket's message handler is given. */
    interface Listener extends BiConsumer<ChannelSocket, String> {}

    final String channelId;
    final URI connectUri;
    final Instant expires;
    volatile List<String> topics;
    volatile List<String> rejected = List.of();
    private volatile WebSocketClientConnection connection;
    private volatile boolean closedByUs;
    private volatile boolean closingWarned;
    private volatile long lastHeard = System.nanoTime();
    private volatile long lastHeartbeat = System.nanoTime();
    private volatile long lastPing = 0;

    ChannelSocket(String channelId, URI connectUri, Instant expires, List<String> topics) {
        this.channelId = channelId;
        this.connectUri = connectUri;
        this.expires = expires;
        this.topics = topics;
    }

    /**
     * Connects (again) to the channel. Messages are handled on a worker thread (they write to Redis), in the order the
     * socket delivered them.
     */
    void connect(Listener listener, Duration timeout) {
        closedByUs = false;
        closingWarned = false;
        String authority = connectUri.getScheme() + "://" + connectUri.getRawAuthority();
        WebSocketClientConnection opened = BasicWebSocketConnector.create()
                .baseUri(URI.create(authority))
                .path(connectUri.getRawPath() == null ? "/" : connectUri.getRawPath())
                .executionModel(BasicWebSocketConnector.ExecutionModel.BLOCKING)
                .onTextMessage((c, text) -> {
                    lastHeard = System.nanoTime();
                    listener.accept(this, text);
                })
                .connect()
                .await()
                .atMost(timeout);
        lastHeard = System.nanoTime();
        lastHeartbeat = lastHeard;
        connection = opened;
    }

    boolean open() {
        WebSocketClientConnection c = connection;
        return c != null && c.isOpen();
    }

    /** Closed, and not by dialgate: the network, Genesys or an eviction. */
    boolean lost() {
        return connection != null && !connection.isOpen() && !closedByUs;
    }

    void heard(boolean heartbeat) {
        if (heartbeat) {
            lastHeartbeat = System.nanoTime();
        }
    }

    void warnedOfClosing() {
        closingWarned = true;
    }

    boolean closingWarned() {
        return closingWarned;
    }

    Duration sinceHeartbeat() {
        return Duration.ofNanos(System.nanoTime() - lastHeartbeat);
    }

    long lastHeartbeatNanos() {
        return lastHeartbeat;
    }

    Duration quiet() {
        return Duration.ofNanos(System.nanoTime() - Math.max(lastHeard, lastPing));
    }

    /** Asks Genesys for a pong; its answer counts as a heartbeat. */
    void ping() {
        WebSocketClientConnection c = connection;
        lastPing = System.nanoTime();
        if (c != null && c.isOpen()) {
            c.sendText("{\"message\":\"ping\"}").subscribe().with(ok -> {}, failure -> {});
        }
    }

    void close() {
        closedByUs = true;
        WebSocketClientConnection c = connection;
        if (c != null && c.isOpen()) {
            c.close().subscribe().with(ok -> {}, failure -> {});
        }
    }

    @Override
    public String toString() {
        return "channel " + channelId;
    }
}
