package io.dialgate.genesys;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.Optional;

/**
 * What came of one Genesys call: Genesys {@link Answered} (any status), did not answer at all ({@link Unanswered}:
 * connection refused, timeout), dialgate held the call back ({@link NotSent}: the tenant's budget, an open circuit
 * breaker), or no token could be had for it ({@link NoToken}).
 */
public sealed interface GenesysReply {

    /**
     * Genesys's daily-limit signal: a 429 whose {@code Retry-After} exceeds this means the tenant's daily API limit is
     * spent, and its dispatch is paused until then (rather than retried like a burst limit).
     */
    Duration DAILY_LIMIT_SIGNAL = Duration.ofSeconds(180);

    /** Genesys answered: its status, body ({@code Retry-After} and the rate-limit headers when given). */
    record Answered(
            int status, Optional<JsonNode> body, Optional<Duration> retryAfter, Optional<RateLimitHeaders> rateLimit)
            implements GenesysReply {

        @Override
        public boolean ok() {
            return status >= 200 && status < 300;
        }

        @Override
        public boolean genesysFailing() {
            return status >= 500;
        }

        @Override
        public boolean answered(int expected) {
            return status == expected;
        }

        /** How long the tenant must pause when this is Genesys's daily-limit signal (see {@link #DAILY_LIMIT_SIGNAL}). */
        public Optional<Duration> dailyLimitPause() {
            return status == 429
                    ? retryAfter.filter(after -> after.compareTo(DAILY_LIMIT_SIGNAL) > 0)
                    : Optional.empty();
        }

        /** Genesys's error {@code code}, {@code message} and {@code contextId}, when the body is a Genesys error. */
        public Optional<String> field(String name) {
            return body.map(b -> b.get(name)).filter(JsonNode::isValueNode).map(JsonNode::asText);
        }
    }

    /** No answer at all; {@code failure} says why (the root exception, no secret in it). */
    record Unanswered(String failure) implements GenesysReply {

        @Override
        public boolean genesysFailing() {
            return true;
        }
    }

    /**
     * The call was not made because the token endpoint gave no token ({@code reply}: its answer, or no answer). Never
     * a reason to fail or apply a write: they wait for a token.
     */
    record NoToken(LoginTrouble trouble, GenesysReply reply) implements GenesysReply {}

    /** dialgate made no call; it may be tried after {@code retryIn}. */
    record NotSent(String reason, Duration retryIn) implements GenesysReply {}

    /** Genesys's {@code inin-ratelimit-count}, {@code -allowed} and {@code -reset} (seconds) response headers. */
    record RateLimitHeaders(long count, long allowed, Duration reset) {
        public boolean spent() {
            return count >= allowed;
        }
    }

    /** Genesys answered 2xx. */
    default boolean ok() {
        return false;
    }

    /** 5xx or no answer: Genesys is failing (what the circuit breaker counts). */
    default boolean genesysFailing() {
        return false;
    }

    /** Genesys answered with this status. */
    default boolean answered(int status) {
        return false;
    }
}
