package io.dialgate.notifications;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.events.EventIngest;
import io.dialgate.genesys.GenesysPlatform;
import io.dialgate.genesys.GenesysReply;
import io.dialgate.tenant.Tenant;
import org.jboss.logging.Logger;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The channel set of one tenant while this pod holds its lease. {@link #supervise()} (one caller at a time) opens the
 * channels, and replaces a socket make-before-break — the new channel is created, subscribed and connected before the
 * old socket is closed — when Genesys warns it is closing, the channel nears expiry, the socket falls silent, or it is
 * lost; failures back off with jitter. Messages go through the same event path as the HTTP endpoint
 * ({@link EventIngest}); heartbeats, pongs, the closing warning and campaign status are handled here.
 */
final class TenantChannels {

    private static final Logger LOG = Logger.getLogger(TenantChannels.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(15);

    private final Tenant tenant;
    private final NotificationsConfig settings;
    private final GenesysPlatform genesys;
    private final EventIngest ingest;
    private final NotificationMeters meters;
    private final NotificationMeters.TenantGauges gauges;
    private final ObjectMapper json;
    private final Runnable gap;
    private final Map<String, CampaignFacts> campaigns;
    private final List<ChannelSocket> sockets = new CopyOnWriteArrayList<>();
    private final Map<String, String> rejected = new ConcurrentHashMap<>();
    private volatile boolean stopped;
    private volatile boolean topicsChanged;
    private int failures;
    private long retryAt;

    TenantChannels(
            Tenant tenant,
            NotificationsConfig settings,
            GenesysPlatform genesys,
            EventIngest ingest,
            NotificationMeters meters,
            ObjectMapper json,
            Map<String, CampaignFacts> campaigns,
            Runnable gap) {
        this.tenant = tenant;
        this.settings = settings;
        this.genesys = genesys;
        this.ingest = ingest;
        this.meters = meters;
        this.gauges = meters.tenant(tenant.name());
        this.json = json;
        this.campaigns = campaigns;
        this.gap = gap;
    }

    /** What health details show: each socket's state and the topics Genesys rejected. */
    String describe() {
        if (sockets.isEmpty()) {
            return "leader; no channel open" + (retryAt > 0 ? " (retrying after " + failures + " failures)" : "");
        }
        StringBuilder text = new StringBuilder("leader;");
        for (ChannelSocket socket : sockets) {
            text.append(' ')
                    .append(socket.channelId)
                    .append(socket.open() ? " open" : " closed")
                    .append(", heartbeat ")
                    .append(socket.sinceHeartbeat().toSeconds())
                    .append(" s ago;");
        }
        if (!rejected.isEmpty()) {
            text.append(" rejected topics: ").append(rejected);
        }
        return text.toString();
    }

    /** The campaign topics said a queue changed: subscriptions are replaced on the next supervision. */
    void topicsChanged() {
        topicsChanged = true;
    }

    /** One round: open what is missing, replace what is failing, ping what is quiet. */
    synchronized void supervise() {
        if (stopped || System.nanoTime() < retryAt) {
            return;
        }
        try {
            List<List<String>> shards = ChannelPlan.shards(ChannelPlan.topics(tenant, List.copyOf(campaigns.values())));
            if (sockets.size() != shards.size()) {
                reopenAll(shards);
                return;
            }
            for (int i = 0; i < sockets.size(); i++) {
                ChannelSocket socket = sockets.get(i);
                Optional<String> cause = replacementCause(socket);
                if (cause.isPresent()) {
                    replace(i, shards.get(i), cause.get());
                } else if (topicsChanged || !socket.topics.equals(shards.get(i))) {
                    subscribe(socket.channelId, shards.get(i));
                    socket.topics = shards.get(i);
                } else if (socket.quiet().compareTo(settings.pingAfter()) > 0) {
                    socket.ping();
                }
            }
            topicsChanged = false;
            failures = 0;
            retryAt = 0;
        } catch (ChannelFailure e) {
            backOff(e.getMessage());
        } finally {
            refreshGauges();
        }
    }

    private Optional<String> replacementCause(ChannelSocket socket) {
        if (socket.closingWarned()) {
            return Optional.of("socket_closing");
        }
        if (socket.lost()) {
            return Optional.of("closed");
        }
        if (socket.sinceHeartbeat().compareTo(settings.silence()) > 0) {
            return Optional.of("silence");
        }
        if (Instant.now().plus(settings.renewBeforeExpiry()).isAfter(socket.expires)) {
            return Optional.of("expiry");
        }
        return Optional.empty();
    }

    private void reopenAll(List<List<String>> shards) {
        List<ChannelSocket> old = new ArrayList<>(sockets);
        List<ChannelSocket> opened = new ArrayList<>();
        try {
            for (List<String> topics : shards) {
                opened.add(open(topics));
            }
        } catch (ChannelFailure e) {
            opened.forEach(ChannelSocket::close);
            throw e;
        }
        sockets.clear();
        sockets.addAll(opened);
        old.forEach(ChannelSocket::close);
        closeIfStopped();
        LOG.infof(
                "Tenant %s: %d notification channel(s) open, %d topics",
                tenant.name(),
                opened.size(),
                shards.stream().mapToInt(List::size).sum());
        gap.run();
    }

    private void replace(int index, List<String> topics, String cause) {
        ChannelSocket old = sockets.get(index);
        if (cause.equals("closed") && channelStillExists(old)) {
            old.connect(this::onMessage, CONNECT_TIMEOUT);
            LOG.infof("Tenant %s: socket of %s lost; reconnected to the same channel", tenant.name(), old);
        } else {
            ChannelSocket fresh = open(topics);
            sockets.set(index, fresh);
            old.close();
            closeIfStopped();
            LOG.infof("Tenant %s: %s replaced by %s (%s)", tenant.name(), old, fresh, cause);
        }
        meters.reconnected(tenant.name(), cause);
        gap.run();
    }

    private boolean channelStillExists(ChannelSocket socket) {
        GenesysReply reply = genesys.channel(tenant, socket.channelId);
        if (reply.answered(404)) {
            return false;
        }
        if (!reply.ok()) {
            throw new ChannelFailure("checking " + socket + ": " + describe(reply));
        }
        return Instant.now().plus(settings.renewBeforeExpiry()).isBefore(socket.expires);
    }

    /** Creates a channel, subscribes it and connects its socket. */
    private ChannelSocket open(List<String> topics) {
        GenesysReply reply = genesys.createChannel(tenant);
        JsonNode created =
                reply.successBody().orElseThrow(() -> new ChannelFailure("creating a channel: " + describe(reply)));
        String id = created.path("id").asText();
        URI connectUri = URI.create(created.path("connectUri").asText());
        Instant expires = parseExpiry(created.path("expires").asText(""));
        subscribe(id, topics);
        ChannelSocket socket = new ChannelSocket(id, connectUri, expires, topics);
        try {
            socket.connect(this::onMessage, CONNECT_TIMEOUT);
        } catch (RuntimeException e) {
            throw new ChannelFailure("connecting to channel " + id + ": " + e.getMessage());
        }
        return socket;
    }

    private void subscribe(String channelId, List<String> topics) {
        GenesysReply reply = genesys.subscribe(tenant, channelId, topics);
        if (!reply.ok()) {
            throw new ChannelFailure("subscribing channel " + channelId + ": " + describe(reply));
        }
        for (JsonNode entity : reply.successBody().map(b -> b.path("entities")).orElse(json.createArrayNode())) {
            String topic = entity.path("id").asText();
            if ("Rejected".equalsIgnoreCase(entity.path("state").asText())) {
                String reason = entity.path("rejectionReason").asText("no reason given");
                if (rejected.put(topic, reason) == null) {
                    LOG.warnf("Tenant %s: Genesys rejected topic %s: %s", tenant.name(), topic, reason);
                }
            } else {
                rejected.remove(topic);
            }
        }
    }

    private static Instant parseExpiry(String expires) {
        try {
            return Instant.parse(expires);
        } catch (RuntimeException e) {
            // Genesys documents channels living 24 hours; without a readable expiry assume that
            return Instant.now().plus(Duration.ofHours(24));
        }
    }

    private void backOff(String why) {
        failures++;
        long base = settings.reconnectBackoffBase().toMillis();
        long cap = settings.reconnectBackoffCap().toMillis();
        long delay = Math.min(cap, base << Math.min(20, failures - 1));
        long jittered = delay / 2 + ThreadLocalRandom.current().nextLong(delay / 2 + 1);
        retryAt = System.nanoTime() + Duration.ofMillis(jittered).toNanos();
        meters.reconnected(tenant.name(), "failed");
        LOG.warnf("Tenant %s: notification channel: %s; next attempt in %d ms", tenant.name(), why, jittered);
    }

    private void refreshGauges() {
        boolean allOpen = !sockets.isEmpty() && sockets.stream().allMatch(ChannelSocket::open);
        gauges.connected = allOpen ? 1 : 0;
        gauges.topics = sockets.stream().mapToInt(s -> s.topics.size()).sum() - rejected.size();
        gauges.lastHeartbeatNanos = sockets.stream()
                .mapToLong(ChannelSocket::lastHeartbeatNanos)
                .min()
                .orElse(-1);
    }

    /** One socket message: a heartbeat or pong, the closing warning, a campaign's status, or a dial event. */
    private void onMessage(ChannelSocket socket, String text) {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (Exception e) {
            LOG.debugf("Tenant %s: unreadable socket message ignored", tenant.name());
            return;
        }
        String topic = message.path("topicName").asText("");
        if (topic.equals("channel.metadata")) {
            socket.heard(true);
            gauges.lastHeartbeatNanos = System.nanoTime();
            return;
        }
        if (topic.equals("v2.system.socket_closing")) {
            LOG.infof("Tenant %s: Genesys is closing the socket of %s", tenant.name(), socket);
            socket.warnedOfClosing();
            return;
        }
        meters.eventReceived(tenant.name());
        Optional<String> campaign = ChannelPlan.campaignOf(topic);
        if (campaign.isPresent()) {
            campaignChanged(campaign.get(), message.path("eventBody"));
            return;
        }
        try {
            ingest.ingest(tenant, List.of(message));
        } catch (RuntimeException e) {
            // Redis is away: the event is lost to this path; reconciliation restores what it meant
            LOG.warnf("Tenant %s: a %s event could not be stored: %s", tenant.name(), topic, e.getMessage());
        }
    }

    private void campaignChanged(String campaignId, JsonNode body) {
        CampaignFacts facts = CampaignFacts.of(campaignId, body);
        CampaignFacts before = campaigns.put(campaignId, facts);
        if (before == null || !before.queueId().equals(facts.queueId())) {
            topicsChanged();
        }
        if (facts.over()) {
            LOG.infof("Tenant %s: campaign %s is %s", tenant.name(), campaignId, facts.status());
            gap.run();
        }
    }

    private static String describe(GenesysReply reply) {
        if (reply instanceof GenesysReply.Answered answered) {
            return "Genesys answered " + answered.status()
                    + answered.field("code").map(c -> " " + c).orElse("");
        }
        if (reply instanceof GenesysReply.Unanswered unanswered) {
            return "Genesys did not answer: " + unanswered.failure();
        }
        return "not sent: " + ((GenesysReply.NotSent) reply).reason();
    }

    /**
     * Closes every socket (the lease is lost, or the pod stops). Not synchronized: it must not wait for a supervision
     * round stuck on a slow Genesys call; a socket that round opens afterwards is closed by {@link #closeIfStopped()}.
     */
    void stop() {
        stopped = true;
        sockets.forEach(ChannelSocket::close);
        refreshGauges();
    }

    private void closeIfStopped() {
        if (stopped) {
            sockets.forEach(ChannelSocket::close);
        }
    }

    private static final class ChannelFailure extends RuntimeException {
        ChannelFailure(String message) {
            super(message, null, false, false);
        }
    }
}
