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
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Takes a parsed request body of events into the dial state. The events of a batch are applied concurrently: the
 * state machine orders each contact's events by eventTime, not by arrival, so they need not wait for each other. A
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
    private record Routed(TopicRoute route, DialerEvent event, Uni<DialStateStore.Applied> applied) {}

    IngestReport ingest(Tenant tenant, List<JsonNode> elements) {
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
            routed.add(new Routed(route.get(), event.get(), states.apply(tenant, event.get())));
        }
        List<DialStateStore.Applied> results = applyAll(routed);
        boolean released = false;
        for (int i = 0; i < routed.size(); i++) {
            released |= record(tenant, routed.get(i), results.get(i));
        }
        if (released) {
            wakeUps.wake(tenant.name());
        }
        return new IngestReport(routed.size(), ignored, rejected);
    }

    private static List<DialStateStore.Applied> applyAll(List<Routed> routed) {
        if (routed.isEmpty()) {
            return List.of();
        }
        List<Uni<DialStateStore.Applied>> pending = new ArrayList<>(routed.size());
        routed.forEach(r -> pending.add(r.applied()));
        try {
            return Uni.join().all(pending).andFailFast().await().atMost(REDIS_WAIT);
        } catch (io.smallrye.mutiny.TimeoutException e) {
            throw new StoreUnavailableException("Redis did not apply the batch within " + REDIS_WAIT, e);
        }
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
        return applied.released();
    }

    private void count(Tenant tenant, String topic, String outcome) {
        events.with(tenant.name(), topic, outcome).increment();
    }
}
