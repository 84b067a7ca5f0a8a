package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Posts envelopes to dialgate's events endpoint with the ingest bearer token and remembers what was sent. */
final class EventSink {

    private record Target(URI url, String ingestToken) {}

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final List<DeliveredEvent> delivered = new ArrayList<>();
    private volatile Target target;

    EventSink(URI url, String ingestToken) {
        this.target = url == null ? null : new Target(url, ingestToken);
    }

    void setTarget(URI url, String ingestToken) {
        this.target = url == null ? null : new Target(url, ingestToken);
    }

    URI url() {
        Target t = target;
        return t == null ? null : t.url();
    }

    /**
     * Posts synchronously and returns the status dialgate answered.
     *
     * @throws UncheckedIOException when the sink cannot be reached (also recorded, with status -1)
     */
    int post(JsonNode envelope) {
        Target t = target;
        if (t == null) {
            throw new IllegalStateException("no events sink configured; use SimulatedDialer.setEventsSink");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(t.url())
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(envelope.toString()));
        if (t.ingestToken() != null) {
            request.header("Authorization", "Bearer " + t.ingestToken());
        }
        String topic = envelope.hasNonNull("topicName")
                ? envelope.get("topicName").asText()
                : envelope.path("detail").path("topicName").asText(null);
        try {
            int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode();
            record(new DeliveredEvent(Instant.now(), topic, envelope.deepCopy(), status));
            return status;
        } catch (IOException e) {
            record(new DeliveredEvent(Instant.now(), topic, envelope.deepCopy(), -1));
            throw new UncheckedIOException("events sink " + t.url() + " unreachable", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(new DeliveredEvent(Instant.now(), topic, envelope.deepCopy(), -1));
            throw new IllegalStateException("interrupted while delivering to " + t.url(), e);
        }
    }

    private synchronized void record(DeliveredEvent event) {
        delivered.add(event);
    }

    synchronized List<DeliveredEvent> delivered() {
        return List.copyOf(delivered);
    }

    synchronized void clear() {
        delivered.clear();
    }
}
