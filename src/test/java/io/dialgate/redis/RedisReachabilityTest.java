package io.dialgate.redis;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisReachabilityTest {

    @Test
    void everyCallGoesWhileRedisAnswers() {
        RedisReachability reachability = new RedisReachability(Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            assertDoesNotThrow(() -> reachability.admit("EVALSHA"));
        }
        assertFalse(reachability.away());
    }

    @Test
    void afterAnUnansweredCallOthersAreRefusedAtOnceUntilTheNextTrial() throws InterruptedException {
        RedisReachability reachability = new RedisReachability(Duration.ofMillis(200));
        reachability.unanswered();
        assertTrue(reachability.away());
        StoreUnavailableException refused =
                assertThrows(StoreUnavailableException.class, () -> reachability.admit("EVALSHA"));
        assertTrue(refused.retryAfter().isPresent());
        Thread.sleep(250);
        assertDoesNotThrow(() -> reachability.admit("SET"), "the trial");
        assertThrows(StoreUnavailableException.class, () -> reachability.admit("SET"), "only one trial per interval");
    }

    @Test
    void anAnswerEndsTheRefusals() {
        RedisReachability reachability = new RedisReachability(Duration.ofHours(1));
        reachability.unanswered();
        assertThrows(StoreUnavailableException.class, () -> reachability.admit("EVALSHA"));
        reachability.answered();
        assertDoesNotThrow(() -> reachability.admit("EVALSHA"));
    }
}
