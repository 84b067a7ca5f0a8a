package io.dialgate.genesys;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;

/**
 * What came of one Genesys call: its status and body, {@code Retry-After} and the rate-limit headers when given.
 * Status {@link #UNANSWERED} means no answer at all (connection refused, timeout), {@link #NOT_SENT} that dialgate held
 * the call back (the tenant's budget, an open circuit breaker); {@code failure} then says why.
 */
public record GenesysReply(int status, JsonNode body, Optional<Duration> retryAfter, String failure,
        Optional<RateLimitHeaders> rateLimit) {

    public static final int UNANSWERED = 0;
    public static final int NOT_SENT = -1;

    /** Genesys's {@code inin-ratelimit-count}, {@code -allowed} and {@code -reset} (seconds) response headers. */
    public record RateLimitHeaders(long count, long allowed, Duration reset) {
        public boolean spent() {
            return count >= allowed;
        }
    }

    public static GenesysReply unanswered(String failure) {
        return new GenesysReply(UNANSWERED, null, Optional.empty(), failure, Optional.empty());
    }

    /** No call was made; it may be tried after {@code wait}. */
    public static GenesysReply notSent(String reason, Duration wait) {
        return new GenesysReply(NOT_SENT, null, Optional.of(wait), reason, Optional.empty());
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    /** 5xx or no answer: Genesys is failing (what the circuit breaker counts). */
    public boolean genesysFailing() {
        return status == UNANSWERED || status >= 500;
    }

    /** Genesys's error {@code code}, {@code message} and {@code contextId}, when the body is a Genesys error. */
    public Optional<String> field(String name) {
        return Optional.ofNullable(body).map(b -> b.get(name)).filter(JsonNode::isValueNode).map(JsonNode::asText);
    }
}
