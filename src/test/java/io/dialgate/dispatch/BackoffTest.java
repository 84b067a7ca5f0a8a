package io.dialgate.dispatch;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertTrue;

class BackoffTest {

    private final Backoff backoff = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30));

    @RepeatedTest(20)
    void firstRetryWaitsBetweenHalfAndAllOfTheBase() {
        long millis = backoff.after(0).toMillis();
        assertTrue(millis >= 250 && millis <= 500, "got " + millis);
    }

    @RepeatedTest(20)
    void delayDoublesWithEachFailedAttempt() {
        long millis = backoff.after(3).toMillis();
        assertTrue(millis >= 2000 && millis <= 4000, "got " + millis);
    }

    @Test
    void delayNeverExceedsTheCapHoweverManyAttempts() {
        for (int attempts = 0; attempts < 200; attempts++) {
            assertTrue(backoff.after(attempts).compareTo(Duration.ofSeconds(30)) <= 0);
        }
    }
}
