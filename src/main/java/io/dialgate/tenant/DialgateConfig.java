package io.dialgate.tenant;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Map;

/**
 * Everything dialgate reads from configuration. Tenants are keyed by name; the name appears in every URL
 * ({@code /v1/tenants/{tenant}/...}) and in every Redis key of that tenant.
 */
@ConfigMapping(prefix = "dialgate")
public interface DialgateConfig {

    /**
     * The tenants this deployment serves, by tenant name (lower-case letters, digits and dashes), e.g.
     * {@code dialgate.tenants."acme".crm-token}.
     */
    Map<String, TenantConfig> tenants();

    /** How ready writes are claimed and applied. */
    Dispatch dispatch();

    /** Limits applied to incoming HTTP bodies. */
    Ingest ingest();

    /** The circuit breaker each tenant's Genesys calls go through. */
    Breaker breaker();

    /** How CRM writes are accepted. */
    Writes writes();

    /** dialgate's own Genesys notification channels (tenants with {@code notifications.enabled}) and reconciliation. */
    Notifications notifications();

    interface Notifications {
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

    interface Breaker {
        /** Calls in the rolling window the breaker judges; it never opens on fewer. */
        @WithDefault("20")
        int requestVolumeThreshold();

        /** Share of failing calls (5xx, no answer) in the window that opens the breaker. */
        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before it lets a trial call through (half-open). */
        @WithDefault("30S")
        Duration delay();

        /** Successful trial calls that close the breaker again. */
        @WithDefault("2")
        int successThreshold();
    }

    interface Writes {
        /** How long an Idempotency-Key is remembered per tenant. */
        @WithDefault("24H")
        Duration idempotencyRetention();

        /** Most writes in one batch request. */
        @WithDefault("1000")
        int maxBatchWrites();
    }

    interface Dispatch {
        /**
         * How long a claimed write stays leased to one instance. An instance that dies holding a lease loses it after
         * this long and another instance applies the write. Must exceed the Genesys call timeouts combined.
         */
        @WithDefault("30S")
        Duration lease();

        /** Contacts one instance applies at the same time, per tenant. */
        @WithDefault("8")
        int concurrencyPerTenant();

        /**
         * Longest a dispatcher sleeps without a wake-up. Releases wake it at once (locally and through Redis pub/sub);
         * this only bounds how late a lost wake-up or an expired lease is noticed.
         */
        @WithDefault("2S")
        Duration idleCheck();

        /** First retry delay after a 409 or a 5xx; doubles with each attempt (with jitter). */
        @WithDefault("500MS")
        Duration backoffBase();

        /** Largest retry delay after a 409 (contact busy), whatever the attempt count. */
        @WithDefault("30S")
        Duration busyBackoffCap();

        /** Largest retry delay after a 5xx, timeout or connection failure. */
        @WithDefault("60S")
        Duration errorBackoffCap();

        /** How long the finished state of a dial is remembered, so a late older event cannot reopen it. */
        @WithDefault("1H")
        Duration finishedDialMemory();

        /**
         * On shutdown, how long applies already in flight may take to finish before the instance exits; keep it
         * below the pod's termination grace period.
         */
        @WithDefault("15S")
        Duration shutdownDrain();

        /** How long write status records are kept after they are accepted. */
        @WithDefault("7D")
        Duration writeRetention();
    }

    interface Ingest {
        /** Largest request body accepted, in bytes; a larger body is refused with 413. */
        @WithDefault("1048576")
        int maxBodyBytes();

        /** Most events accepted in one JSON array. */
        @WithDefault("1000")
        int maxBatchEvents();
    }
}
