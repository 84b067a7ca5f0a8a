package io.dialgate.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialgate.dispatch.WakeUps;
import io.dialgate.events.IngestReport.RejectedEvent;
import io.dialgate.metrics.CounterFamily;
import io.dialgate.metrics.Metric;
import io.dialgate.redis.StoreUnavailableException;
import io.dialgate.state.DialStateStore;
import io.dialgate.state.DialerEvent;
import io.dialgate.state.EventOutcome;
import io.dialgate.tenant.Tenant;
import io.dialgate.tracing.TraceAttributes;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes a parsed request body of events into the dial state. The events of a batch go to Redis together, as one
 * pipeline, without waiting for each other's answers: the state machine orders each contact's events by eventTime,
 * not by arrival. A
 * batch that fails half-way (Redis gone) answers 503 and the relay sends it again; events applied twice change nothing.
 */
@ApplicationScoped
public class EventIngest {

    private static final Duration REDIS_WAIT = Duration.ofSeconds(10);

    private final DialStateStore states;
    private final WakeUps wakeUps;
    private final CounterFamily events;
    private final CounterFamily transitions;
    private final CounterFamily releases;

    public EventIngest(DialStateStore states, WakeUps wakeUps, MeterRegistry metrics) {
        this.states = states;
        this.wakeUps = wakeUps;
        this.events = Metric.EVENTS.counters(metrics);
        this.transitions = Metric.DIAL_TRANSITIONS.counters(metrics);
        this.releases = Metric.DIAL_RELEASES.counters(metrics);
    }

    /** An element read as a dial event, on its way into Redis. */
    private record Routed(TopicRoute route, DialerEvent event) {}

    /** Reads, routes and applies the elements, waiting for Redis: for the notification sockets. */
    public IngestReport ingest(Tenant tenant, List<JsonNode> elements) {
        return ingestAsync(tenant, elements).await().indefinitely();
    }

    /**
     * Reads, routes and applies the elements without blocking: the HTTP endpoint runs it on the event loop. The
     * item comes once Redis has applied every event (or fails with {@link StoreUnavailableException}).
     */
    public Uni<IngestReport> ingestAsync(Tenant tenant, List<JsonNode> elements) {
        int ignored = 0;
        List<RejectedEvent> rejected = new ArrayList<>();
        List<Routed> routed = new ArrayList<>();
        for (int index = 0; index < elements.size(); index++) {
            EnvelopeReader.Result envelope = EnvelopeReader.read(elements.get(index));
            if (envelope instanceof EnvelopeReader.Result.Invalid invalid) {
                rejected.add(new RejectedEvent(index, invalid.problem()));
                count(tenant, "unknown", "rejected");
                continue;
            }
            Notification notification = ((EnvelopeReader.Result.Unwrapped) envelope).notification();
            Optional<TopicRoute> route = TopicRoute.of(notification.topicName());
            if (route.isEmpty()) {
                ignored++;
                count(tenant, "other", "ignored");
                continue;
            }
            Optional<DialerEvent> event;
            try {
                event = route.get().carries() == TopicRoute.Carries.SNAPSHOT
                        ? ConversationSnapshotReader.read(notification)
                        : Optional.of(DialerEventReader.read(notification, route.get()));
            } catch (DialerEventReader.UnreadableEvent e) {
                rejected.add(new RejectedEvent(index, e.getMessage()));
                count(tenant, route.get().label(), "rejected");
                continue;
            }
            if (event.isEmpty()) {
                ignored++;
                count(tenant, route.get().label(), "ignored");
                continue;
            }
            routed.add(new Routed(route.get(), event.get()));
        }
        IngestReport report = new IngestReport(routed.size(), ignored, rejected);
        return applyAll(tenant, routed).map(results -> {
            boolean released = false;
            for (int i = 0; i < routed.size(); i++) {
                released |= record(tenant, routed.get(i), results.get(i));
            }
            if (released) {
                wakeUps.wake(tenant.name());
            }
            return report;
        });
    }

    private Uni<List<DialStateStore.Applied>> applyAll(Tenant tenant, List<Routed> routed) {
        if (routed.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<DialerEvent> events = new ArrayList<>(routed.size());
        routed.forEach(r -> events.add(r.event()));
        return states.applyAll(tenant, events)
                .ifNoItem()
                .after(REDIS_WAIT)
                .failWith(() -> new StoreUnavailableException(
                        "Redis did not apply the batch within " + REDIS_WAIT,
                        new io.smallrye.mutiny.TimeoutException()));
    }

    /** Counts what one event did; true when it released held writes. */
    private boolean record(Tenant tenant, Routed routed, DialStateStore.Applied applied) {
        count(tenant, routed.route().label(), applied.outcome().label());
        if (applied.outcome() == EventOutcome.APPLIED) {
            transitions.with(tenant.name(), routed.event().phase().name()).increment();
        }
        if (applied.ended()) {
            releases.with(tenant.name(), "post_contact").increment();
        }
        if (applied.released()) {
            // The moment a held write's journey turns: its apply (in the write's own trace) follows from here.
            routed.event()
                    .contact()
                    .ifPresent(contact -> Span.current()
                            .addEvent(
                                    "dialgate.writes.released",
                                    Attributes.of(
                                            TraceAttributes.CONTACT_LIST_ID,
                                            contact.contactListId(),
                                            TraceAttributes.CONTACT_ID,
                                            contact.contactId())));
        }
        return applied.released();
    }

    private void count(Tenant tenant, String topic, String outcome) {
        events.with(tenant.name(), topic, outcome).increment();
    }
}
