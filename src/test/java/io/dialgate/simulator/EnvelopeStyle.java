package io.dialgate.simulator;

/** How the simulator's dialer wraps a notification before posting it to dialgate's events sink. */
public enum EnvelopeStyle {
    /** The notification-service shape: {@code {topicName, version, eventBody, metadata}}. */
    GENESYS_NOTIFICATION,
    /** An Amazon EventBridge event from the Genesys Cloud partner event source; the notification sits in {@code detail}. */
    EVENTBRIDGE
}
