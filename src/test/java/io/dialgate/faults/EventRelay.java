package io.dialgate.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * What stands between Genesys and dialgate in production (EventBridge, a load balancer): takes the simulator's
 * notifications, answers at once, and delivers each to a live instance, retrying while dialgate answers 5xx or is
 * unreachable, as EventBridge does. With {@link Chaos} it also loses, duplicates, reorders and skews events.
 */
final class EventRelay implements AutoCloseable {

    /**
     * @param lost       share of events never delivered
     * @param duplicated share of events delivered twice
     * @param maxDelay   each event waits a random time up to this before delivery: events overtake each other
     * @param skew       detail events ({@code v2.detail.*}) get their {@code eventTime} moved by up to this, either way:
     *                   the clocks of different Genesys services
     */
    record Chaos(double lost, double duplicated, Duration maxDelay, Duration skew) {
        static final Chaos NONE = new Chaos(0, 0, Duration.ZERO, Duration.ZERO);

        boolean reorders() {
            return !maxDelay.isZero();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    // EventBridge retries a target for up to 24 h; a few minutes outlast any outage a scenario makes
    private static final Duration GIVE_UP = Duration.ofMinutes(5);
    /** Claim, GET and PUT of one apply on a loaded 2-core machine take up to about this long. */
    static final Duration CLAIM_TO_PUT = Duration.ofSeconds(2);

    private final HttpServer server;
    private final Supplier<String> liveEventsUrl;
    private final String ingestToken;
    private final Random random = new Random(7);
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ScheduledExecutorService forwarders;
    private volatile Chaos chaos;
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong droppedByChaos = new AtomicLong();
    private final AtomicLong gaveUp = new AtomicLong();
    private final AtomicLong pending = new AtomicLong();
    private final java.util.Map<String, java.util.List<DialMark>> dialMarks =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** dialgate took (2xx) an event that starts ({@code start}) or ends a dial of a contact, at {@code at}. */
    record DialMark(java.time.Instant at, boolean start) {}

    /** @param liveEventsUrl the events URL of a live instance, asked anew for each attempt */
    EventRelay(Supplier<String> liveEventsUrl, String ingestToken, Chaos chaos) {
        this.liveEventsUrl = liveEventsUrl;
        this.ingestToken = ingestToken;
        this.chaos = chaos;
        // in order unless the chaos reorders on purpose
        this.forwarders = Executors.newScheduledThreadPool(chaos.reorders() ? 8 : 1, r -> {
            Thread t = new Thread(r, "event-relay");
            t.setDaemon(true);
            return t;
        });
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 200);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "event-relay-http");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            exchange.sendResponseHeaders(202, -1);
            exchange.close();
            take(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/events");
    }

    void chaos(Chaos value) {
        this.chaos = value;
    }

    private void take(String body) {
        received.incrementAndGet();
        Chaos c = chaos;
        double draw;
        long delay;
        synchronized (random) {
            draw = random.nextDouble();
            delay = c.maxDelay().isZero()
                    ? 0
                    : (long) (random.nextDouble() * c.maxDelay().toMillis());
        }
        if (draw < c.lost()) {
            droppedByChaos.incrementAndGet();
            return;
        }
        String skewed = skew(body, c);
        schedule(skewed, delay);
        if (draw < c.lost() + c.duplicated()) {
            schedule(skewed, delay + 50);
        }
    }

    private String skew(String body, Chaos c) {
        if (c.skew().isZero() || !body.contains("v2.detail.")) {
            return body;
        }
        try {
            JsonNode event = JSON.readTree(body);
            JsonNode eventBody = event.has("detail") ? event.path("detail").path("eventBody") : event.path("eventBody");
            if (eventBody instanceof ObjectNode node && node.has("eventTime")) {
                long shift;
                synchronized (random) {
                    shift = (long) ((random.nextDouble() * 2 - 1) * c.skew().toMillis());
                }
                node.put("eventTime", node.get("eventTime").asLong() + shift);
            }
            return event.toString();
        } catch (IOException notJson) {
            return body;
        }
    }

    /** Delivers one event now (a burst a test makes itself), with the relay's retries. */
    void deliver(String body) {
        schedule(body, 0);
    }

    private void schedule(String body, long delayMillis) {
        pending.incrementAndGet();
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        forwarders.schedule(() -> forward(body, deadline), delayMillis, TimeUnit.MILLISECONDS);
    }

    private void forward(String body, long deadline) {
        while (true) {
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(liveEventsUrl.get()))
                        .timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + ingestToken)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build();
                int status = http.send(request, HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status < 500 && status != 429) {
                    if (status / 100 == 2) {
                        mark(body);
                    }
                    delivered.incrementAndGet();
                    pending.decrementAndGet();
                    return;
                }
            } catch (IOException | IllegalStateException unreachable) {
                // retried below, as EventBridge retries a target that does not answer
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.decrementAndGet();
                return;
            }
            if (System.nanoTime() > deadline) {
                gaveUp.incrementAndGet();
                pending.decrementAndGet();
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                pending.decrementAndGet();
                return;
            }
        }
    }

    private void mark(String body) {
        boolean start = body.contains(".preContact\"") || body.contains(".outbound\"");
        boolean end = body.contains(".postContact\"");
        if (!start && !end) {
            return;
        }
        try {
            JsonNode event = JSON.readTree(body);
            JsonNode eventBody = event.has("detail") ? event.path("detail").path("eventBody") : event.path("eventBody");
            String contact = eventBody.path("outboundContactId").asText("");
            if (!contact.isEmpty()) {
                dialMarks
                        .computeIfAbsent(contact, c -> new java.util.concurrent.CopyOnWriteArrayList<>())
                        .add(new DialMark(java.time.Instant.now(), start));
            }
        } catch (IOException notJson) {
            // not a dial event
        }
    }

    /**
     * Whether, {@link #CLAIM_TO_PUT} before a PUT arrived, the last dial event dialgate had taken for the contact
     * started a dial: the PUT then released a write during a dial dialgate knew of. (A PUT that meets a dial whose first event had not reached dialgate
     * yet is the race no gateway can avoid; Genesys answers it 409 and dialgate retries.)
     */
    boolean knewOfDial(String contactId, java.time.Instant putArrived) {
        // an apply claimed just before the dial's event arrived reads the contact and then PUTs: give it that long
        java.time.Instant at = putArrived.minus(CLAIM_TO_PUT);
        java.util.List<DialMark> marks = dialMarks.getOrDefault(contactId, java.util.List.of());
        DialMark last = null;
        for (DialMark mark : marks) {
            if (mark.at().isBefore(at) && (last == null || mark.at().isAfter(last.at()))) {
                last = mark;
            }
        }
        return last != null && last.start();
    }

    /** Waits until every event taken was delivered or given up; false on timeout. */
    boolean awaitDrained(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(50);
        }
        return true;
    }

    long received() {
        return received.get();
    }

    long delivered() {
        return delivered.get();
    }

    long droppedByChaos() {
        return droppedByChaos.get();
    }

    long gaveUp() {
        return gaveUp.get();
    }

    @Override
    public void close() {
        server.stop(0);
        forwarders.shutdownNow();
    }
}
