package io.dialgate.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * The catalogue of dialgate's metrics: each one's name, type, tag keys and description, declared once. Every meter of
 * the application is registered through it; the Prometheus rules, the Grafana dashboard and the tests are checked
 * against it, so an alert can never name a metric nothing emits.
 *
 * <p>Names are Micrometer's dotted form; the Prometheus registry turns {@code dialgate.events} into
 * {@code dialgate_events_total} (see {@link #prometheusName()}). Renaming one breaks dashboards and alerts.
 */
public enum Metric {
    EVENTS(
            Type.COUNTER,
            "dialgate.events",
            "Genesys events received, by topic and what they did",
            "tenant",
            "topic",
            "outcome"),
    DIAL_TRANSITIONS(
            Type.COUNTER,
            "dialgate.dial.transitions",
            "Dial-state changes applied, by the phase entered",
            "tenant",
            "phase"),
    DIAL_RELEASES(Type.COUNTER, "dialgate.dial.releases", "Active dials ended, by how they ended", "tenant", "path"),
    INGEST(Type.TIMER, "dialgate.ingest", "Time to take one events request into the dial state", "tenant"),
    WRITES_ACCEPTED(
            Type.COUNTER,
            "dialgate.writes.accepted",
            "CRM writes accepted, by the state they entered",
            "tenant",
            "state"),
    WRITES_PENDING(Type.GAUGE, "dialgate.writes.pending", "Writes by state", "tenant", "state"),
    WRITES_OLDEST_HELD(
            Type.GAUGE, "dialgate.writes.oldest.held.seconds", "Age of the tenant's oldest held write", "tenant"),
    DEAD_LETTERS(Type.GAUGE, "dialgate.dead.letters", "Failed writes kept as dead letters", "tenant"),
    APPLIES(
            Type.COUNTER,
            "dialgate.applies",
            "Applies of a contact's writes to Genesys, by outcome",
            "tenant",
            "outcome"),
    DISPATCH_READY(
            Type.GAUGE,
            "dialgate.dispatch.ready",
            "Contacts ready to apply and not yet claimed, as this pod's last claim of the tenant saw them (the "
                    + "tenant's backlog: take the max across pods; the scaling signal)",
            "tenant"),
    LEASES_RECLAIMED(
            Type.COUNTER,
            "dialgate.leases.reclaimed",
            "Applies taken over after their lease expired (an instance stopped mid-apply)",
            "tenant"),
    GENESYS_CALLS(
            Type.COUNTER,
            "dialgate.genesys.calls",
            "Calls to Genesys, by call and HTTP status (none: no answer)",
            "tenant",
            "call",
            "status"),
    CIRCUIT_OPEN(Type.GAUGE, "dialgate.circuit.open", "1 while the tenant's Genesys circuit breaker is open", "tenant"),
    TENANT_UNAUTHORIZED(
            Type.GAUGE, "dialgate.tenant.unauthorized", "1 while Genesys refuses the tenant's credentials", "tenant"),
    TENANT_LOGIN_TROUBLE(
            Type.GAUGE,
            "dialgate.tenant.login.trouble",
            "1 while the tenant's token endpoint gives no token, by why (credentials_refused, login_unreachable)",
            "tenant",
            "trouble"),
    TENANT_PAUSED(Type.GAUGE, "dialgate.tenant.paused", "1 while the tenant's dispatch is paused by Genesys", "tenant"),
    NOTIFICATIONS_SOCKET_CONNECTED(
            Type.GAUGE,
            "dialgate.notifications.socket.connected",
            "1 while this pod holds the tenant's notification WebSocket and it is connected",
            Emission.WHEN_NOTIFICATIONS_ENABLED,
            "tenant"),
    NOTIFICATIONS_LEADER(
            Type.GAUGE,
            "dialgate.notifications.leader",
            "1 while this pod holds the tenant's notifications lease (runs its channels and reconciliation)",
            Emission.WHEN_NOTIFICATIONS_ENABLED,
            "tenant"),
    NOTIFICATIONS_LEADER_CHANGES(
            Type.COUNTER,
            "dialgate.notifications.leader.changes",
            "Times this pod took the tenant's notifications lease",
            Emission.WHEN_NOTIFICATIONS_ENABLED,
            "tenant"),
    NOTIFICATIONS_RECONNECTS(
            Type.COUNTER,
            "dialgate.notifications.reconnects",
            "Notification sockets replaced or reconnected, by cause (socket_closing, expiry, silence, closed, failed)",
            Emission.WHEN_NOTIFICATIONS_ENABLED,
            "tenant",
            "cause"),
    NOTIFICATIONS_HEARTBEAT_AGE(
            Type.GAUGE,
            "dialgate.notifications.heartbeat.age.seconds",
            "Seconds since the oldest of the tenant's sockets last had a heartbeat or pong",
            Emission.WHEN_NOTIFICATIONS_ENABLED,
            "tenant"),
    NOTIFICATIONS_TOPICS(
            Type.GAUGE,
            "dialgate.notifications.topics",
            "Topics the tenant's channels are subscribed to (Genesys's rejections excluded)",
            Emission.WHEN_NOTIFICATIONS_ENABLED,
            "tenant"),
    NOTIFICATIONS_EVENTS(
            Type.COUNTER,
            "dialgate.notifications.events",
            "Notifications received on the tenant's sockets (heartbeats excluded)",
            Emission.WHEN_NOTIFICATIONS_ENABLED,
            "tenant"),
    RECONCILE_CORRECTIONS(
            Type.COUNTER,
            "dialgate.reconcile.corrections",
            "Dial states corrected from the campaign interactions, by kind (dial_started, dial_ended, campaign_over)",
            Emission.WHEN_CAMPAIGNS_WATCHED,
            "tenant",
            "kind"),
    REDIS_WITHOUT_PERSISTENCE(
            Type.GAUGE,
            "dialgate.redis.without.persistence",
            "1 while Redis has neither AOF nor an RDB save point: a Redis restart loses accepted writes",
            Emission.ONCE_REDIS_TELLS),
    CALLBACKS_SENT(
            Type.COUNTER,
            "dialgate.callbacks.sent",
            "Outcome callbacks the CRM accepted (2xx), by event type",
            Emission.WHEN_CALLBACKS_ENABLED,
            "tenant",
            "type"),
    CALLBACKS_FAILED(
            Type.COUNTER,
            "dialgate.callbacks.failed",
            "Callback attempts that failed (non-2xx, no answer); each is retried until its window ends",
            Emission.WHEN_CALLBACKS_ENABLED,
            "tenant"),
    CALLBACKS_DEAD_LETTERED(
            Type.COUNTER,
            "dialgate.callbacks.dead.lettered",
            "Callbacks given up on after their retry window: callback dead letters",
            Emission.WHEN_CALLBACKS_ENABLED,
            "tenant"),
    CALLBACKS_QUEUED(
            Type.GAUGE,
            "dialgate.callbacks.queued",
            "Callback events stored and not yet delivered or dead-lettered",
            Emission.WHEN_CALLBACKS_ENABLED,
            "tenant"),
    CALLBACKS_CIRCUIT_OPEN(
            Type.GAUGE,
            "dialgate.callbacks.circuit.open",
            "1 while the tenant's callback circuit breaker is open",
            Emission.WHEN_CALLBACKS_ENABLED,
            "tenant");

    /** The Micrometer meter type, which decides the Prometheus series names. */
    public enum Type {
        COUNTER,
        GAUGE,
        /** A timer with a percentile histogram, so dashboards can take quantiles across pods. */
        TIMER
    }

    /** When the running application emits the metric. */
    public enum Emission {
        /** From start-up, or from the first event that it counts. */
        ALWAYS,
        /** Only for tenants with {@code dialgate.tenants.<t>.notifications.enabled=true} (dialgate's own WebSocket). */
        WHEN_NOTIFICATIONS_ENABLED,
        /** Only for tenants with {@code dialgate.tenants.<t>.campaigns}, from the first correction. */
        WHEN_CAMPAIGNS_WATCHED,
        /** Once Redis has answered {@code INFO persistence} and {@code CONFIG GET save}; per pod, no tenant tag. */
        ONCE_REDIS_TELLS,
        /** Only for tenants with {@code dialgate.tenants.<t>.callbacks.url} (outcome callbacks to the CRM). */
        WHEN_CALLBACKS_ENABLED
    }

    private final Type type;
    private final String meterName;
    private final String description;
    private final Emission emission;
    private final List<String> tagKeys;

    Metric(Type type, String meterName, String description, String... tagKeys) {
        this(type, meterName, description, Emission.ALWAYS, tagKeys);
    }

    Metric(Type type, String meterName, String description, Emission emission, String... tagKeys) {
        this.type = type;
        this.meterName = meterName;
        this.description = description;
        this.emission = emission;
        this.tagKeys = List.of(tagKeys);
    }

    public Type type() {
        return type;
    }

    /** The Micrometer name (dotted). */
    public String meterName() {
        return meterName;
    }

    public String description() {
        return description;
    }

    public Emission emission() {
        return emission;
    }

    public List<String> tagKeys() {
        return tagKeys;
    }

    /** The name as Prometheus shows it: {@code _total} on counters, {@code _seconds} on timers. */
    public String prometheusName() {
        String base = meterName.replace('.', '_');
        return switch (type) {
            case COUNTER -> base + "_total";
            case GAUGE -> base;
            case TIMER -> base + "_seconds";
        };
    }

    /** Every series name the Prometheus exposition carries for this metric. */
    public Set<String> prometheusSeries() {
        String name = prometheusName();
        return type == Type.TIMER
                ? Set.of(name + "_bucket", name + "_count", name + "_sum", name + "_max")
                : Set.of(name);
    }

    /** The catalogue metric a Prometheus series name (as an alert or panel writes it) belongs to. */
    public static Optional<Metric> ofSeries(String series) {
        return Arrays.stream(values())
                .filter(m -> m.prometheusSeries().contains(series))
                .findFirst();
    }

    /** The counters of this metric, one per combination of tag values, each registered on first use. */
    public CounterFamily counters(MeterRegistry registry) {
        return new CounterFamily(expect(Type.COUNTER), registry);
    }

    /** The timers of this metric, one per combination of tag values, each registered on first use. */
    public TimerFamily timers(MeterRegistry registry) {
        return new TimerFamily(expect(Type.TIMER), registry);
    }

    /** Registers this gauge for one combination of tag values; it reads {@code function} of {@code state}. */
    public <T> Gauge gauge(MeterRegistry registry, T state, ToDoubleFunction<T> function, String... tagValues) {
        return Gauge.builder(meterName, state, function)
                .tags(expect(Type.GAUGE).tags(tagValues))
                .description(description)
                .register(registry);
    }

    /** The tags for values given in the order of {@link #tagKeys()}. */
    Tags tags(List<String> values) {
        if (values.size() != tagKeys.size()) {
            throw new IllegalArgumentException(meterName + " takes tags " + tagKeys + ", given " + values);
        }
        Tags tags = Tags.empty();
        for (int i = 0; i < values.size(); i++) {
            tags = tags.and(tagKeys.get(i), values.get(i));
        }
        return tags;
    }

    private Tags tags(String... values) {
        return tags(List.of(values));
    }

    private Metric expect(Type wanted) {
        if (type != wanted) {
            throw new IllegalStateException(meterName + " is a " + type + ", not a " + wanted);
        }
        return this;
    }
}
