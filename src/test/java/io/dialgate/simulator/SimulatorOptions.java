package io.dialgate.simulator;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Settings for one {@link GenesysSimulator}. Build with {@link #builder()}; every value has a default.
 *
 * @param port              TCP port on 127.0.0.1; 0 picks a free ephemeral port
 * @param clients           OAuth client id to secret
 * @param requestsPerMinute how many requests (token, GET and PUT) one OAuth client may make per {@code rateLimitWindow}
 * @param rateLimitWindow   the rate-limit window; one minute is the real semantics, tests may shorten it
 * @param tokenTtlSeconds   lifetime of an access token ({@code expires_in})
 * @param eventsSinkUrl     dialgate's events endpoint ({@code POST /v1/tenants/{tenant}/events}); may be null and set later
 * @param ingestToken       bearer token the dialer sends to the events sink; may be null
 * @param envelopeStyle     how events are wrapped
 * @param orgId             Genesys organization id, used in the EventBridge {@code source}
 * @param eventBridgeIntegration name of the EventBridge integration, last part of the EventBridge {@code source}
 * @param awsAccount        12-digit AWS account of the EventBridge event
 * @param awsRegion         AWS region of the EventBridge event
 */
public record SimulatorOptions(
        int port,
        Map<String, String> clients,
        int requestsPerMinute,
        Duration rateLimitWindow,
        long tokenTtlSeconds,
        URI eventsSinkUrl,
        String ingestToken,
        EnvelopeStyle envelopeStyle,
        String orgId,
        String eventBridgeIntegration,
        String awsAccount,
        String awsRegion) {

    public static final String DEFAULT_CLIENT_ID = "dialgate-sim-client";
    public static final String DEFAULT_CLIENT_SECRET = "dialgate-sim-secret";
    /** Genesys's documented default per-client limit is 300 requests per minute. */
    public static final int DEFAULT_REQUESTS_PER_MINUTE = 300;
    /** Genesys client-credentials tokens live 24 hours; the token endpoint answers 86399. */
    public static final long DEFAULT_TOKEN_TTL_SECONDS = 86_399;

    public SimulatorOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (clients.isEmpty()) {
            throw new IllegalArgumentException("at least one OAuth client is needed");
        }
        if (requestsPerMinute < 1) {
            throw new IllegalArgumentException("requestsPerMinute must be positive");
        }
        if (tokenTtlSeconds < 1) {
            throw new IllegalArgumentException("tokenTtlSeconds must be positive");
        }
        if (awsAccount == null || !awsAccount.matches("\\d{12}")) {
            throw new IllegalArgumentException("awsAccount must be 12 digits");
        }
        clients = Map.copyOf(clients);
        Objects.requireNonNull(rateLimitWindow, "rateLimitWindow");
        Objects.requireNonNull(envelopeStyle, "envelopeStyle");
        Objects.requireNonNull(orgId, "orgId");
        Objects.requireNonNull(eventBridgeIntegration, "eventBridgeIntegration");
        Objects.requireNonNull(awsRegion, "awsRegion");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static SimulatorOptions defaults() {
        return builder().build();
    }

    public String clientSecret(String clientId) {
        return clients.get(clientId);
    }

    /** Keeps secrets out of logs and assertion messages. */
    @Override
    public String toString() {
        return "SimulatorOptions[port=" + port + ", clients=" + clients.keySet() + ", requestsPerMinute="
                + requestsPerMinute
                + ", rateLimitWindow=" + rateLimitWindow + ", tokenTtlSeconds=" + tokenTtlSeconds
                + ", eventsSinkUrl=" + eventsSinkUrl + ", ingestToken=" + (ingestToken == null ? "none" : "***")
                + ", envelopeStyle=" + envelopeStyle + ", orgId=" + orgId + "]";
    }

    public static final class Builder {
        private int port = 0;
        private final Map<String, String> clients = new LinkedHashMap<>();
        private int requestsPerMinute = DEFAULT_REQUESTS_PER_MINUTE;
        private Duration rateLimitWindow = Duration.ofMinutes(1);
        private long tokenTtlSeconds = DEFAULT_TOKEN_TTL_SECONDS;
        private URI eventsSinkUrl;
        private String ingestToken;
        private EnvelopeStyle envelopeStyle = EnvelopeStyle.GENESYS_NOTIFICATION;
        private String orgId = "5c1f4b0e-8a32-4c3e-9d2a-6f0b7e1d2c3a";
        private String eventBridgeIntegration = "dialgate-sim";
        private String awsAccount = "123456789012";
        private String awsRegion = "us-east-1";

        private Builder() {}

        public Builder port(int value) {
            this.port = value;
            return this;
        }

        /** Adds an OAuth client. When none is added, {@link #DEFAULT_CLIENT_ID} / {@link #DEFAULT_CLIENT_SECRET} is used. */
        public Builder client(String clientId, String clientSecret) {
            clients.put(Objects.requireNonNull(clientId), Objects.requireNonNull(clientSecret));
            return this;
        }

        public Builder clients(Map<String, String> value) {
            clients.putAll(value);
            return this;
        }

        public Builder requestsPerMinute(int value) {
            this.requestsPerMinute = value;
            return this;
        }

        public Builder rateLimitWindow(Duration value) {
            this.rateLimitWindow = value;
            return this;
        }

        public Builder tokenTtlSeconds(long value) {
            this.tokenTtlSeconds = value;
            return this;
        }

        public Builder eventsSink(URI url, String bearerIngestToken) {
            this.eventsSinkUrl = url;
            this.ingestToken = bearerIngestToken;
            return this;
        }

        public Builder envelopeStyle(EnvelopeStyle value) {
            this.envelopeStyle = value;
            return this;
        }

        public Builder orgId(String value) {
            this.orgId = value;
            return this;
        }

        public Builder eventBridgeIntegration(String value) {
            this.eventBridgeIntegration = value;
            return this;
        }

        public Builder awsAccount(String value) {
            this.awsAccount = value;
            return this;
        }

        public Builder awsRegion(String value) {
            this.awsRegion = value;
            return this;
        }

        public SimulatorOptions build() {
            Map<String, String> effectiveClients =
                    clients.isEmpty() ? Map.of(DEFAULT_CLIENT_ID, DEFAULT_CLIENT_SECRET) : clients;
            return new SimulatorOptions(
                    port,
                    effectiveClients,
                    requestsPerMinute,
                    rateLimitWindow,
                    tokenTtlSeconds,
                    eventsSinkUrl,
                    ingestToken,
                    envelopeStyle,
                    orgId,
                    eventBridgeIntegration,
                    awsAccount,
                    awsRegion);
        }
    }
}
