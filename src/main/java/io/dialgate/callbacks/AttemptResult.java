package io.dialgate.callbacks;

import java.time.Duration;

/** How one attempt to send a callback ended. */
sealed interface AttemptResult {

    /** The CRM answered 2xx. */
    record Delivered(int status) implements AttemptResult {}

    /** The CRM answered something else, too late, or not at all; {@code reason} holds no secret and no URL. */
    record Failed(String reason) implements AttemptResult {}

    /** Not sent (the tenant's budget or its open breaker, or a shutdown): again after {@code delay}, not counted. */
    record NotSent(String reason, Duration delay) implements AttemptResult {}
}
