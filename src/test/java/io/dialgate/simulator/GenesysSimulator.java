package io.dialgate.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-process stand-in for Genesys Cloud as dialgate uses it: the client-credentials token
 * endpoint of the login host, GET/PUT of outbound contacts, their bulk read and their upsert on the API host (both on one port of
 * 127.0.0.1), per-client rate limiting, scripted faults, and a dialer that locks contacts during
 * a dial and posts notifications to dialgate. Thread-safe.
 *
 * <pre>{@code
 * try (GenesysSimulator sim = GenesysSimulator.start(SimulatorOptions.builder()
 *         .eventsSink(URI.create("http://localhost:8081/v1/tenants/acme/events"), "ingest-token").build())) {
 *     sim.contacts().put(listId, contactId, Map.of("phone", "+13175550123"));
 *     Dial dial = sim.dialer().begin(listId, contactId);   // PUT of that contact now answers 409
 *     dial.outbound(); dial.customerEnd(); dial.postContact();
 * }
 * }</pre>
 */
public final class GenesysSimulator implements AutoCloseable {

    private static final AtomicInteger THREAD_NUMBER = new AtomicInteger();

    private final SimulatorOptions options;
    private final SimulatedOAuth oauth;
    private final SimulatedRateLimit rateLimit;
    private final FaultPlan faults = new FaultPlan();
    private final RequestLog requestLog = new RequestLog();
    private final SimulatedContacts contacts = new SimulatedContacts();
    private final SimulatedDialer dialer;
    private final SimulatedNotifications notifications = new SimulatedNotifications();
    private final SimulatedCampaigns campaigns = new SimulatedCampaigns(notifications);
    private final HttpServer server;
    private final ExecutorService httpThreads;

    private GenesysSimulator(SimulatorOptions options, DialerContactSchema schema) throws IOException {
        this.options = options;
        this.oauth = new SimulatedOAuth(options.clients(), options.tokenTtlSeconds());
        this.rateLimit = new SimulatedRateLimit(options.requestsPerMinute(), options.rateLimitWindow());
        EventSink sink = new EventSink(options.eventsSinkUrl(), options.ingestToken());
        EventEnvelopes envelopes = new EventEnvelopes(
                options.orgId(), options.eventBridgeIntegration(), options.awsAccount(), options.awsRegion());
        this.dialer = new SimulatedDialer(contacts, sink, envelopes, options.envelopeStyle(), notifications);
        campaigns.dialsFrom(dialer::activeDials);
        campaigns.define(dialer.campaignId(), null, dialer.queueId());
        ObjectMapper mapper = new ObjectMapper();
        SimulatorHttpHandler handler = new SimulatorHttpHandler(
                new OAuthTokenEndpoint(oauth, rateLimit, faults),
                new ContactEndpoint(oauth, rateLimit, faults, contacts, schema, requestLog, mapper),
                new PlatformEndpoint(oauth, rateLimit, notifications, campaigns),
                new BulkContactsEndpoint(
                        oauth,
                        rateLimit,
                        faults,
                        contacts,
                        DialerContactSchema.load(DialerContactSchema.WRITABLE_DEFINITION),
                        requestLog,
                        mapper),
                faults,
                requestLog);
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), 100);
        // unbounded: injected latency parks a thread per request, and dialgate calls from many threads at once
        this.httpThreads = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "genesys-sim-http-" + THREAD_NUMBER.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(httpThreads);
        server.createContext("/", handler);
    }

    /** Loads the DialerContact rules from {@link GenesysSpec} and starts serving. */
    public static GenesysSimulator start(SimulatorOptions options) {
        DialerContactSchema schema = DialerContactSchema.load();
        try {
            GenesysSimulator simulator = new GenesysSimulator(options, schema);
            simulator.server.start();
            return simulator;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start Genesys simulator on port " + options.port(), e);
        }
    }

    /** e.g. {@code http://127.0.0.1:41234}; serves both the login host and the API host paths. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public SimulatorOptions options() {
        return options;
    }

    public SimulatedContacts contacts() {
        return contacts;
    }

    public SimulatedDialer dialer() {
        return dialer;
    }

    /** The notification service: channels, subscriptions and their WebSockets. */
    public SimulatedNotifications notifications() {
        return notifications;
    }

    /** Campaigns and their interactions; the dialer's own campaign is defined from the start. */
    public SimulatedCampaigns campaigns() {
        return campaigns;
    }

    public FaultPlan faults() {
        return faults;
    }

    public RequestLog requestLog() {
        return requestLog;
    }

    public SimulatedOAuth tokens() {
        return oauth;
    }

    public SimulatedRateLimit rateLimit() {
        return rateLimit;
    }

    /** Shorthand for {@link RequestLog#maxRequestsInAnyWindow}. */
    public int maxRequestsInAnyWindow(String clientId, Duration window) {
        return requestLog.maxRequestsInAnyWindow(clientId, window);
    }

    /**
     * Back to an empty simulator between tests: clears contacts and their dial locks, logs,
     * faults and latency, dials and campaigns, deliveries and rate counters. Clients and issued
     * tokens stay, so a long-lived dialgate instance keeps its token across tests.
     */
    public void reset() {
        dialer.reset();
        notifications.reset();
        contacts.clear();
        faults.clear();
        requestLog.clear();
        rateLimit.clear();
        oauth.resetCounters();
    }

    @Override
    public void close() {
        dialer.close();
        notifications.close();
        server.stop(0);
        httpThreads.shutdownNow();
        try {
            httpThreads.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
