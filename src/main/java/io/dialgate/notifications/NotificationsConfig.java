package io.dialgate.notifications;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/**
 * dialgate's own Genesys notification channels (tenants with {@code notifications.enabled}) and reconciliation
 * ({@code dialgate.notifications.*}); what each tenant watches is in its tenant settings.
 */
@ConfigMapping(prefix = "dialgate.notifications")
public interface NotificationsConfig {

    /**
     * How long one pod holds a tenant's notifications lease without renewing it. Another pod takes over within
     * this time after the holder dies; the holder closes its sockets when it has not renewed for this long.
     */
    @WithDefault("30S")
    Duration lease();

    /** How often the holder renews the lease (and every other pod checks whether it is free). */
    @WithDefault("10S")
    Duration renewEvery();

    /**
     * A socket with neither a heartbeat (Genesys sends one about every 30 s) nor a pong for this long is dead and
     * is replaced.
     */
    @WithDefault("95S")
    Duration silence();

    /** After this long without any message on a socket, dialgate sends {@code {"message":"ping"}}. */
    @WithDefault("35S")
    Duration pingAfter();

    /** How long before a channel's {@code expires} (24 h) a new channel replaces it, make-before-break. */
    @WithDefault("10M")
    Duration renewBeforeExpiry();

    /** First delay before a failed channel or socket is tried again; doubles per failure, with jitter. */
    @WithDefault("1S")
    Duration reconnectBackoffBase();

    /** Longest delay between two attempts to open a channel. */
    @WithDefault("60S")
    Duration reconnectBackoffCap();

    /** How often each led tenant's sockets are checked (heartbeat age, expiry, closing warning). */
    @WithDefault("1S")
    Duration checkEvery();

    /**
     * A dial is ended or started by reconciliation only if no event of it arrived for this long: the interactions
     * list and the events race each other.
     */
    @WithDefault("30S")
    Duration reconcileQuietPeriod();
}
