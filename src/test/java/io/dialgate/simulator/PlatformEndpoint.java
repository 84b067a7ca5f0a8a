package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The notification channel endpoints ({@code POST /api/v2/notifications/channels}, {@code HEAD .../{id}},
 * {@code GET|PUT .../{id}/subscriptions}) and the campaign reads ({@code GET /api/v2/outbound/campaigns/{id}} and
 * {@code .../interactions}). Bearer token (401) and rate limit (429) are checked as for contacts.
 */
final class PlatformEndpoint {

    static final Pattern PATH = Pattern.compile(
            "^/api/v2/(notifications/channels(?:/([^/]+)(/subscriptions)?)?|outbound/campaigns/([^/]+)(/interactions)?)$");

    private final SimulatedOAuth oauth;
    private final SimulatedRateLimit rateLimit;
    private final SimulatedNotifications notifications;
    private final SimulatedCampaigns campaigns;
    private final ObjectMapper mapper = new ObjectMapper();

    PlatformEndpoint(
            SimulatedOAuth oauth,
            SimulatedRateLimit rateLimit,
            SimulatedNotifications notifications,
            SimulatedCampaigns campaigns) {
        this.oauth = oauth;
        this.rateLimit = rateLimit;
        this.notifications = notifications;
        this.campaigns = campaigns;
    }

    Reply handle(IncomingRequest request, Matcher path) {
        SimulatedOAuth.BearerCheck bearer = oauth.checkBearer(request.header("Authorization"));
        if (!bearer.accepted()) {
            return Reply.error(ContactEndpoint.unauthorized(bearer.rejection()), request.correlationId(), null);
        }
        String client = bearer.clientId();
        SimulatedRateLimit.Decision decision = rateLimit.tryAcquire(client);
        if (!decision.allowed()) {
            return Reply.tooManyRequests(decision, request.correlationId(), client);
        }
        String method = request.method();
        if (path.group(4) != null) {
            if (!method.equals("GET")) {
                return notAllowed(request, client);
            }
            Optional<com.fasterxml.jackson.databind.node.ObjectNode> body =
                    path.group(5) == null ? campaigns.campaign(path.group(4)) : campaigns.interactions(path.group(4));
            return body.map(b -> Reply.json(200, b, client)).orElseGet(() -> notFound(request, client));
        }
        String channel = path.group(2);
        if (channel == null) {
            return method.equals("POST")
                    ? Reply.json(200, notifications.create(client), client)
                    : notAllowed(request, client);
        }
        if (path.group(3) == null) {
            if (!method.equals("HEAD")) {
                return notAllowed(request, client);
            }
            return notifications.exists(channel)
                    ? new Reply(200, new LinkedHashMap<>(), null, client)
                    : notFound(request, client);
        }
        if (method.equals("GET")) {
            return notifications
                    .subscriptions(channel)
                    .map(b -> Reply.json(200, b, client))
                    .orElseGet(() -> notFound(request, client));
        }
        if (!method.equals("PUT")) {
            return notAllowed(request, client);
        }
        List<String> topics = new ArrayList<>();
        try {
            for (JsonNode item : mapper.readTree(request.body())) {
                topics.add(item.path("id").asText());
            }
        } catch (Exception e) {
            return Reply.error(
                    GenesysErrorBody.of(400, "bad.request", "The subscription list is not JSON"),
                    request.correlationId(),
                    client);
        }
        if (topics.size() > SimulatedNotifications.MAX_TOPICS_PER_CHANNEL) {
            return Reply.error(
                    GenesysErrorBody.of(
                            400, "notification.too.many.topics", "A channel cannot have more than 1000 topics"),
                    request.correlationId(),
                    client);
        }
        return notifications
                .subscribe(channel, topics)
                .map(b -> Reply.json(200, b, client))
                .orElseGet(() -> notFound(request, client));
    }

    private static Reply notFound(IncomingRequest request, String client) {
        return Reply.error(
                GenesysErrorBody.of(404, "not.found", "The requested resource was not found."),
                request.correlationId(),
                client);
    }

    private static Reply notAllowed(IncomingRequest request, String client) {
        return Reply.error(
                GenesysErrorBody.of(
                        405, "method.not.allowed", "HTTP method " + request.method() + " is not supported here"),
                request.correlationId(),
                client);
    }
}
