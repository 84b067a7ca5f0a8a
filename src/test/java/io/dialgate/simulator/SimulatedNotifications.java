package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The Genesys notification service: channels made over HTTP ({@code POST /api/v2/notifications/channels}), topic
 * subscriptions, and a WebSocket per channel (a Vert.x server on its own port of 127.0.0.1) that carries
 * {@code {topicName, version, eventBody, metadata}} envelopes, a {@code channel.metadata} "WebSocket Heartbeat" every
 * {@link #heartbeatInterval(Duration)}, a pong for each {@code {"message":"ping"}}, and {@code v2.system.socket_closing}
 * before the service closes a socket. As in Genesys: at most 20 channels per OAuth client (a 21st evicts the oldest),
 * 1,000 topics per channel, one socket per channel, and a channel expires ({@link #channelTtl(Duration)}, 24 h).
 * Tests can silence a socket, drop it without a close frame, warn of its closing, and have topics rejected.
 */
public final class SimulatedNotifications implements AutoCloseable {

    static final int MAX_CHANNELS_PER_CLIENT = 20;
    static final int MAX_TOPICS_PER_CHANNEL = 1000;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CHANNEL_PATH = Pattern.compile("^/channels/([^/]+)$");
    /** Topic names the simulated service knows; anything else is rejected as Genesys rejects an unknown topic. */
    private static final List<Pattern> KNOWN_TOPICS = List.of(
            Pattern.compile("v2\\.outbound\\.(voice|preview)\\.campaigns\\.contact\\.(preContact|postContact)"),
            Pattern.compile("v2\\.outbound\\.campaigns\\.[^.]+"),
            Pattern.compile("v2\\.outbound\\.contactlists\\.[^.]+"),
            Pattern.compile("v2\\.(routing\\.queues|users)\\.[^.]+\\.conversations(\\.[a-zA-Z]+)?"),
            Pattern.compile("v2\\.detail\\.events\\.conversation\\.[^.]+\\.[a-z.]+"));

    private final Vertx vertx = Vertx.vertx();
    private final HttpServer server;
    private final Map<String, NotificationChannel> channels = new ConcurrentHashMap<>();
    private final Map<String, String> rejectedTopics = new ConcurrentHashMap<>();
    private final List<SocketSession> sessions = new CopyOnWriteArrayList<>();
    private final List<PublishedEvent> published = new CopyOnWriteArrayList<>();
    private final Map<ServerWebSocket, Integer> sessionIndex = new ConcurrentHashMap<>();
    private volatile Duration heartbeatInterval = Duration.ofSeconds(30);
    private volatile Duration channelTtl = Duration.ofHours(24);
    private volatile Duration closingGrace = Duration.ofSeconds(60);
    private volatile boolean silent;

    /** One notification the simulator tried to deliver, and how many sockets it went out on (0 = nobody heard it). */
    public record PublishedEvent(String topicName, String correlationId, int sockets, Instant at) {}

    SimulatedNotifications() {
        server = vertx.createHttpServer().requestHandler(this::upgrade);
        try {
            server.listen(0, "127.0.0.1")
                    .toCompletionStage()
                    .toCompletableFuture()
                    .get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the simulated notification socket server", e);
        }
    }

    /** How often every open socket gets a heartbeat; takes effect for sockets opened afterwards. */
    public void heartbeatInterval(Duration interval) {
        this.heartbeatInterval = interval;
    }

    /** How long a channel made from now on lives (Genesys: 24 hours). */
    public void channelTtl(Duration ttl) {
        this.channelTtl = ttl;
    }

    /** Time between {@code v2.system.socket_closing} and the close (Genesys: about a minute). */
    public void closingGrace(Duration grace) {
        this.closingGrace = grace;
    }

    /** While set, no socket gets heartbeats or pongs (events still flow): a half-dead connection. */
    public void silence(boolean value) {
        this.silent = value;
    }

    /** Subscriptions to this topic come back {@code Rejected} with the reason. */
    public void rejectTopic(String topic, String reason) {
        rejectedTopics.put(topic, reason);
    }

    public List<SocketSession> sessions() {
        return List.copyOf(sessions);
    }

    public List<PublishedEvent> published() {
        return List.copyOf(published);
    }

    /** Channels alive now (not expired, evicted or deleted). */
    public List<String> channelIds() {
        return List.copyOf(channels.keySet());
    }

    /** The topics a channel is subscribed to. */
    public List<String> topics(String channelId) {
        return Optional.ofNullable(channels.get(channelId)).map(c -> c.topics).orElse(List.of());
    }

    /** The ids of channels with an open socket. */
    public List<String> connectedChannels() {
        return channels.values().stream()
                .filter(NotificationChannel::connected)
                .map(c -> c.id)
                .toList();
    }

    /** Sends an envelope to every open socket subscribed to its topic; returns how many got it. */
    public int publish(ObjectNode envelope) {
        String topic = envelope.path("topicName").asText();
        String text = envelope.toString();
        int sent = 0;
        for (NotificationChannel channel : channels.values()) {
            ServerWebSocket socket = channel.socket;
            if (socket != null && !channel.closed && channel.topics.contains(topic)) {
                socket.writeTextMessage(text);
                sent++;
            }
        }
        published.add(new PublishedEvent(
                topic, envelope.path("metadata").path("CorrelationId").asText(null), sent, Instant.now()));
        return sent;
    }

    /** Warns the socket of a channel that it closes soon, then closes it after the grace. */
    public void socketClosing(String channelId) {
        NotificationChannel channel = channels.get(channelId);
        if (channel == null || channel.socket == null) {
            return;
        }
        ObjectNode envelope = metadataEnvelope("v2.system.socket_closing", "Socket is closing in 60 seconds");
        channel.socket.writeTextMessage(envelope.toString());
        vertx.setTimer(Math.max(1, closingGrace.toMillis()), t -> closeSocket(channel));
    }

    /** Drops the connection of a channel without a WebSocket close frame, as a network failure does. */
    public void dropAbruptly(String channelId) {
        NotificationChannel channel = channels.get(channelId);
        if (channel != null && channel.connection != null) {
            channel.connection.close();
        }
    }

    // ---- HTTP side (called by NotificationsEndpoint) ----

    ObjectNode create(String clientId) {
        List<NotificationChannel> own = new ArrayList<>(channels.values().stream()
                .filter(c -> c.clientId.equals(clientId))
                .toList());
        if (own.size() >= MAX_CHANNELS_PER_CLIENT) {
            own.sort(Comparator.comparing(c -> c.created));
            remove(own.get(0));
        }
        Instant now = Instant.now();
        NotificationChannel channel = new NotificationChannel(
                "streaming-0-" + UUID.randomUUID().toString().replace("-", ""), clientId, now, now.plus(channelTtl));
        channels.put(channel.id, channel);
        vertx.setTimer(Math.max(1, channelTtl.toMillis()), t -> remove(channel));
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("connectUri", "ws://127.0.0.1:" + server.actualPort() + "/channels/" + channel.id);
        body.put("id", channel.id);
        body.put("expires", channel.expires.toString());
        return body;
    }

    boolean exists(String channelId) {
        return channels.containsKey(channelId);
    }

    /** Replaces a channel's subscriptions; empty when the channel does not exist. */
    Optional<ObjectNode> subscribe(String channelId, List<String> topics) {
        NotificationChannel channel = channels.get(channelId);
        if (channel == null) {
            return Optional.empty();
        }
        channel.topics = topics.stream().filter(t -> rejection(t).isEmpty()).toList();
        return Optional.of(listing(topics));
    }

    Optional<ObjectNode> subscriptions(String channelId) {
        return Optional.ofNullable(channels.get(channelId)).map(c -> listing(c.topics));
    }

    private ObjectNode listing(List<String> topics) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        ArrayNode entities = body.putArray("entities");
        for (String topic : topics) {
            ObjectNode entity = entities.addObject();
            entity.put("id", topic);
            Optional<String> rejected = rejection(topic);
            entity.put("state", rejected.isPresent() ? "Rejected" : "Permitted");
            rejected.ifPresent(reason -> entity.put("rejectionReason", reason));
        }
        return body;
    }

    private Optional<String> rejection(String topic) {
        if (rejectedTopics.containsKey(topic)) {
            return Optional.of(rejectedTopics.get(topic));
        }
        return KNOWN_TOPICS.stream().anyMatch(p -> p.matcher(topic).matches())
                ? Optional.empty()
                : Optional.of("Topic " + topic + " is not a valid topic");
    }

    // ---- socket side ----

    private void upgrade(HttpServerRequest request) {
        var path = CHANNEL_PATH.matcher(request.path());
        NotificationChannel channel = path.matches() ? channels.get(path.group(1)) : null;
        if (channel == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        HttpConnection connection = request.connection();
        request.toWebSocket().onSuccess(socket -> attach(channel, socket, connection));
    }

    private void attach(NotificationChannel channel, ServerWebSocket socket, HttpConnection connection) {
        if (channel.socket != null) {
            closeSocket(channel);
        }
        channel.closed = false;
        channel.socket = socket;
        channel.connection = connection;
        synchronized (sessions) {
            sessionIndex.put(socket, sessions.size());
            sessions.add(new SocketSession(channel.id, channel.clientId, Instant.now(), null));
        }
        channel.heartbeatTimer = vertx.setPeriodic(Math.max(1, heartbeatInterval.toMillis()), t -> {
            if (!silent) {
                socket.writeTextMessage(metadataEnvelope("channel.metadata", "WebSocket Heartbeat")
                        .toString());
            }
        });
        socket.textMessageHandler(text -> answerPing(socket, text));
        socket.closeHandler(v -> onClosed(channel, socket));
        socket.exceptionHandler(e -> {});
    }

    private void answerPing(ServerWebSocket socket, String text) {
        try {
            JsonNode message = JSON.readTree(text);
            if ("ping".equals(message.path("message").asText()) && !silent) {
                socket.writeTextMessage(
                        metadataEnvelope("channel.metadata", "pong").toString());
            }
        } catch (Exception e) {
            // Genesys ignores what it does not understand
        }
    }

    private void onClosed(NotificationChannel channel, ServerWebSocket socket) {
        vertx.cancelTimer(channel.heartbeatTimer);
        if (channel.socket == socket) {
            channel.socket = null;
            channel.connection = null;
        }
        synchronized (sessions) {
            Integer index = sessionIndex.remove(socket);
            if (index != null) {
                sessions.set(index, sessions.get(index).closedAt(Instant.now()));
            }
        }
    }

    private void closeSocket(NotificationChannel channel) {
        ServerWebSocket socket = channel.socket;
        if (socket != null) {
            channel.closed = true;
            socket.close();
        }
    }

    private void remove(NotificationChannel channel) {
        channels.remove(channel.id, channel);
        closeSocket(channel);
    }

    private static ObjectNode metadataEnvelope(String topic, String message) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("topicName", topic);
        envelope.putObject("eventBody").put("message", message);
        return envelope;
    }

    /** Forgets rejections, silence and logs; channels and sockets stay, as a live dialgate holds them across tests. */
    void reset() {
        rejectedTopics.clear();
        silent = false;
        published.clear();
    }

    @Override
    public void close() {
        channels.values().forEach(this::closeSocket);
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }
}
