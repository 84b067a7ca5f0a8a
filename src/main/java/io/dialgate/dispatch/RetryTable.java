package io.dialgate.dispatch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.genesys.GenesysReply;

import java.time.Duration;
import java.util.Optional;

/**
 * The retry table of docs/DESIGN.md ("Genesys answers"): what Genesys's answer to the GET or PUT of an apply means for
 * the contact's writes. A pure function of the answer — no clock, no Redis, no HTTP; the backoff delays are drawn by
 * the caller and passed in, so every row can be checked exactly.
 */
final class RetryTable {

    /** How long a 429 without {@code Retry-After} waits. */
    static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

    /** The delays for this contact, already drawn from the busy (409) and error backoffs. */
    record Backoffs(Duration busy, Duration error) {}

    private RetryTable() {}

    /** The outcome of an apply whose {@code call} ({@code GET} or {@code PUT}) got {@code reply}. */
    static ApplyOutcome outcome(String call, GenesysReply reply, Backoffs backoffs) {
        if (reply instanceof GenesysReply.NotSent notSent) {
            return ApplyOutcome.deferred(notSent.retryIn());
        }
        if (reply instanceof GenesysReply.NoToken noToken) {
            // Neither the write's fault nor a sign it landed: it waits for a token, whatever the login service said.
            return new ApplyOutcome(
                    ApplyOutcome.Kind.RETRY, backoffs.error(), errorJson("TOKEN", noToken.reply()), "no_token");
        }
        String error = errorJson(call, reply);
        if (!(reply instanceof GenesysReply.Answered answered)) {
            return new ApplyOutcome(ApplyOutcome.Kind.RETRY, backoffs.error(), error, "error");
        }
        int status = answered.status();
        Optional<Duration> dailyLimit = answered.dailyLimitPause();
        if (answered.ok()) {
            return ApplyOutcome.applied();
        }
        if (dailyLimit.isPresent()) {
            // The tenant is paused until then (GenesysCalls): the writes wait without it counting as an attempt.
            return new ApplyOutcome(ApplyOutcome.Kind.DEFER, dailyLimit.get(), error, "daily_limit");
        }
        if (status == 409) {
            return new ApplyOutcome(ApplyOutcome.Kind.BUSY, backoffs.busy(), error, "busy");
        }
        if (status == 429) {
            return new ApplyOutcome(
                    ApplyOutcome.Kind.RETRY, answered.retryAfter().orElse(DEFAULT_RETRY_AFTER), error, "rate_limited");
        }
        if (status >= 500 || status == 408) {
            return new ApplyOutcome(ApplyOutcome.Kind.RETRY, backoffs.error(), error, "error");
        }
        if (status == 401) {
            // Only after GenesysContacts fetched a new token and was refused again: credentials, not the token.
            return new ApplyOutcome(ApplyOutcome.Kind.RETRY, backoffs.error(), error, "unauthorized");
        }
        return new ApplyOutcome(ApplyOutcome.Kind.FAILED, Duration.ZERO, error, "failed");
    }

    /**
     * Whether Genesys refused a call for good for what it carries — 400 (a value a column does not take), 413 (too
     * large), 422 — rather than for the contact or the caller (403, 404, …): the PUT of several merged writes refused
     * so is split, so that only the write(s) causing the refusal fail.
     */
    static boolean refusesContent(GenesysReply reply) {
        return reply instanceof GenesysReply.Answered answered
                && (answered.status() == 400 || answered.status() == 413 || answered.status() == 422);
    }

    /** The write's {@code lastError}: the call, Genesys's status (0: no answer) and its error fields. */
    private static String errorJson(String call, GenesysReply reply) {
        ObjectNode error = JsonNodeFactory.instance.objectNode();
        error.put("call", call);
        if (reply instanceof GenesysReply.Answered answered) {
            error.put("status", answered.status());
            answered.field("code").ifPresent(code -> error.put("code", code));
            answered.field("message").ifPresent(message -> error.put("message", message));
            answered.field("contextId").ifPresent(contextId -> error.put("contextId", contextId));
        } else if (reply instanceof GenesysReply.Unanswered unanswered) {
            error.put("status", 0);
            error.put("message", unanswered.failure());
        }
        return error.toString();
    }
}
