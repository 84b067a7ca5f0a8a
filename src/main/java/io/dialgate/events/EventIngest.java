package io.dialgate.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialgate.dispatch.WakeUps;
import io.dialgate.events.IngestReport.RejectedEvent;
import io.dialgate.state.DialStateStore;
import io.dialgate.state.DialerEvent;
import io.dialgate.tenant.Tenant;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Takes a parsed request body of events into the dial state, element by element. */
@ApplicationScoped
public class EventIngest {

    private final DialStateStore states;
    private final WakeUps wakeUps;
    private final MeterRegistry metrics;

    public EventIngest(DialStateStore states, WakeUps wakeUps, MeterRegistry metrics) {
        this.states = states;
        this.wakeUps = wakeUps;
        this.metrics = metrics;
    }

    IngestReport ingest(Tenant tenant, List<JsonNode> elements) {
        int accepted = 0;
        int ignored = 0;
        List<RejectedEvent> rejected = new ArrayList<>();
        boolean released = false;
        for (int index = 0; index < elements.size(); index++) {
            EnvelopeReader.Result envelope = EnvelopeReader.read(elements.get(index));
            if (envelope.notification().isEmpty()) {
                rejected.add(new RejectedEvent(index, envelope.problem()));
                count(tenant, "unknown", "rejected");
                continue;
            }
            Notification notification = envelope.notification().get();
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
            DialStateStore.Applied applied = states.apply(tenant, event.get());
            released |= applied.released();
            if (applied.outcome() == io.dialgate.state.EventOutcome.APPLIED) {
                metrics.counter("dialgate.dial.transitions", "tenant", tenant.name(), "phase",
                        event.get().phase().name()).increment();
            }
            if (applied.ended()) {
                metrics.counter("dialgate.dial.releases", "tenant", tenant.name(), "path", "post_contact").increment();
            }
            accepted++;
            count(tenant, route.get().label(), applied.outcome().label());
        }
        if (released) {
            wakeUps.wake(tenant.name());
        }
        return new IngestReport(accepted, ignored, rejected);
    }

    private void count(Tenant tenant, String topic, String outcome) {
        metrics.counter("dialgate.events", "tenant", tenant.name(), "topic", topic, "outcome", outcome).increment();
    }
}
