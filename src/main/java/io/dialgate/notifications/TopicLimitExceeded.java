package io.dialgate.notifications;

/** A tenant's topics cannot fit in the channels Genesys allows one OAuth client; start-up fails with this message. */
public final class TopicLimitExceeded extends RuntimeException {
    TopicLimitExceeded(String message) {
        super(message);
    }
}
