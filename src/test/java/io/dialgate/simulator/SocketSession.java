package io.dialgate.simulator;

import java.time.Instant;

/**
 * One WebSocket connection the simulated notification service accepted: which channel, which OAuth client made the
 * channel, and when it opened and closed ({@code closed} null while open). Tests read these to prove that two
 * instances never held a tenant's channel at once.
 */
public record SocketSession(String channelId, String clientId, Instant opened, Instant closed) {

    SocketSession closedAt(Instant when) {
        return new SocketSession(channelId, clientId, opened, when);
    }

    public boolean open() {
        return closed == null;
    }
}
