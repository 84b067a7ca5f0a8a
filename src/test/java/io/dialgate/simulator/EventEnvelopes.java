package io.dialgate.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.temporal.ChronoUnit;

/** Wraps a notification the way the chosen channel delivers it. */
final class EventEnvelopes {

    private final String orgId;
    private final String integration;
    private final String awsAccount;
    private final String awsRegion;

    EventEnvelopes(String orgId, String integration, String awsAccount, String awsRegion) {
        this.orgId = orgId;
        this.integration = integration;
        this.awsAccount = awsAccount;
        this.awsRegion = awsRegion;
    }

    ObjectNode wrap(NotificationEvent event, EnvelopeStyle style) {
        return style == EnvelopeStyle.EVENTBRIDGE ? eventBridge(event) : notification(event);
    }

    /** {@code {topicName, version, eventBody, metadata}} as the notification service sends it. */
    ObjectNode notification(NotificationEvent event) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("topicName", event.topicName());
        envelope.put("version", "2");
        envelope.set("eventBody", event.eventBody().deepCopy());
        envelope.putObject("metadata").put("CorrelationId", event.correlationId());
        return envelope;
    }

    /**
     * An EventBridge event from the Genesys partner event source: EventBridge's own envelope, with
     * the notification (plus a {@code timestamp}) as {@code detail} and the topic as {@code detail-type}.
     */
    ObjectNode eventBridge(NotificationEvent event) {
        ObjectNode envelope = JsonNodeFactory.instance.objectNode();
        envelope.put("version", "0");
        envelope.put("id", event.eventBridgeId());
        envelope.put("detail-type", event.topicName());
        envelope.put("source", "aws.partner/genesys.com/cloud/" + orgId + "/" + integration);
        envelope.put("account", awsAccount);
        // EventBridge's "time" has second precision
        envelope.put("time", event.time().truncatedTo(ChronoUnit.SECONDS).toString());
        envelope.put("region", awsRegion);
        envelope.putArray("resources");
        ObjectNode detail = notification(event);
        detail.put("timestamp", event.time().truncatedTo(ChronoUnit.MILLIS).toString());
        envelope.set("detail", detail);
        return envelope;
    }
}
