package io.dialgate.tenant;

import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** One tenant: a Genesys Cloud org (through one OAuth client) and the tokens its event relay and CRM present. */
public interface TenantConfig {

    /** How to reach and authenticate to this tenant's Genesys Cloud org. */
    GenesysConfig genesys();

    /**
     * Bearer tokens accepted on the events endpoint. Several may be given (comma-separated) so a token can be rotated
     * without downtime: add the new one, move the relay, remove the old one. At least one of this and
     * {@link #webhookSecret()} must be set.
     */
    Optional<List<String>> ingestToken();

    /**
     * Standard Webhooks secrets ({@code whsec_<base64>}) whose signatures the events endpoint accepts instead of a
     * bearer token; comma-separated for rotation.
     */
    Optional<List<String>> webhookSecret();

    /** Bearer tokens accepted from the CRM on the write and status endpoints; comma-separated for rotation. */
    List<String> crmToken();

    /**
     * An active dial with no event for this long is treated as over, so a lost postContact cannot hold writes
     * forever.
     */
    @WithDefault("30M")
    Duration activeDialTtl();

    /**
     * After the conversation's last event in wrap-up (customer.end, acw, wrapup, ...), how long dialgate waits for
     * the postContact before it treats the dial as over anyway: preview contacts closed without a postContact, an
     * agentless call, or a lost event must not hold writes for the whole {@link #activeDialTtl()}.
     */
    @WithDefault("5M")
    Duration postCallGrace();

    /**
     * Most writes of this tenant accepted and not yet ended (queued, held or in flight). A write past it is refused
     * with 429 and Retry-After, nothing stored: backpressure on the CRM instead of unbounded growth of Redis.
     */
    @WithDefault("1000000")
    int maxPendingWrites();

    /**
     * Most writes of one contact accepted and not yet ended; a write past it is refused with 429 and Retry-After,
     * nothing stored (a CRM looping on one contact cannot fill Redis).
     */
    @WithDefault("1000")
    int maxPendingPerContact();
    /** Signed outcome callbacks to the CRM (Standard Webhooks); none when absent. */
    Optional<Callbacks> callbacks();

    /** Where and how this tenant's outcome events are POSTed to its CRM. */
    interface Callbacks {
        /** The CRM endpoint every event of this tenant is POSTed to. */
        URI url();

        /**
         * Standard Webhooks secrets ({@code whsec_<base64>}) each event is signed with; comma-separated. Every secret
         * signs (the spec's multiple signatures), so the CRM can rotate: add the new secret, move the CRM to it, remove
         * the old one.
         */
        List<String> secret();

        /**
         * The event types sent ({@code write.applied}, {@code write.failed}, {@code write.held}, {@code dial.started},
         * {@code dial.ended}), comma-separated; all when absent.
         */
        Optional<List<String>> events();

        /** Most callbacks sent to this tenant's CRM per minute, across all instances. */
        @WithDefault("600")
        int sendsPerMinute();

        /** How long an event is retried before it becomes a callback dead letter. */
        @WithDefault("24H")
        Duration retryFor();
    }

    /**
     * The outbound campaign ids dialgate watches (comma-separated). Their status and queue topics are subscribed on
     * dialgate's own notification channel, and their interactions ({@code GET /api/v2/outbound/campaigns/{id}/interactions})
     * are read to correct the dial state after every gap and every {@link #reconcileInterval()}.
     */
    Optional<List<String>> campaigns();

    /** dialgate's own Genesys notification channel for this tenant. */
    Notifications notifications();

    /**
     * How often the active dials of the {@link #campaigns()} are rebuilt from the Genesys REST API; {@code 0} = only
     * after a gap (socket replaced, leader change, start-up). Ignored without campaigns.
     */
    @WithDefault("60S")
    Duration reconcileInterval();

    /** The tenant's own WebSocket subscription to the Genesys notification service. */
    interface Notifications {
        /**
         * {@code true}: dialgate opens the tenant's notification channel itself (one pod at a time, by a lease in
         * Redis) and takes the events from its WebSocket; the HTTP events endpoint keeps working beside it.
         */
        @WithDefault("false")
        boolean enabled();

        /** Topics to subscribe besides the pre/postContact topics and those of the campaigns (comma-separated). */
        Optional<List<String>> topics();
    }

    /**
     * How ready writes are sent to Genesys: {@code auto} (bulk when at least {@link #bulkMin()} contacts of one list are
     * ready together, one contact at a time otherwise), {@code contact} (GET + PUT per contact) or {@code bulk} (a bulk
     * read and one upsert per batch of a list's contacts). A bulk request costs one call of the budget whatever its size.
     */
    @WithDefault("auto")
    ApplyMode applyMode();

    /** In {@code auto} mode, how many contacts of one list must be ready together to be applied in bulk. */
    @WithDefault("5")
    int bulkMin();

    /**
     * Most contact ids in one bulk read ({@code POST …/contacts/bulk}); Genesys refuses more than 50
     * ({@code too.many.contacts.requested}).
     */
    @WithDefault("50")
    int bulkReadSize();

    /**
     * Most contacts in one upsert ({@code POST …/contacts}); Genesys refuses more than 1,000
     * ({@code too.many.contacts.added}). A refused batch is split in halves, so smaller batches find a culprit in fewer
     * calls.
     */
    @WithDefault("50")
    int bulkWriteSize();
}
