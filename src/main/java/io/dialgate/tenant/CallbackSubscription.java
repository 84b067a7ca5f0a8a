package io.dialgate.tenant;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A tenant's subscription to outcome callbacks: where they go, the secrets that sign them, which events it wants, its
 * send budget and how long an event is retried. {@link #toString()} leaves the secrets and the URL's path out.
 */
public record CallbackSubscription(
        URI url, List<String> secrets, Set<EventType> events, int sendsPerMinute, Duration retryFor) {

    /** The outcome events a CRM can subscribe to, by their wire name. */
    public enum EventType {
        WRITE_APPLIED("write.applied"),
        WRITE_FAILED("write.failed"),
        WRITE_HELD("write.held"),
        DIAL_STARTED("dial.started"),
        DIAL_ENDED("dial.ended");

        private final String wireName;

        EventType(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }

        public static Optional<EventType> ofWireName(String name) {
            return Arrays.stream(values())
                    .filter(type -> type.wireName.equals(name))
                    .findFirst();
        }
    }

    @Override
    public String toString() {
        return "CallbackSubscription[" + url.getScheme() + "://" + url.getAuthority() + ", events=" + events + "]";
    }
}
