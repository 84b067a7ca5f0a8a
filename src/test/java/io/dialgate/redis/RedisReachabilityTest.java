package io.dialgate.redis;

import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RedisReachabilityTest {

    private final AtomicBoolean redisBack = new AtomicBoolean();
    private final AtomicInteger pings = new AtomicInteger();
    private final RedisReachability reachability = new RedisReachability(
            () -> {
                pings.incrementAndGet();
                return redisBack.get()
                        ? Uni.createFrom().item("PONG")
                        : Uni.createFrom().failure(new IllegalStateException("connection refused"));
            },
            Duration.ofMillis(50));

    @Test
    void everyCallGoesWhileRedisAnswers() {
        for (int i = 0; i < 3; i++) {
            assertDoesNotThrow(() -> reachability.admit("EVALSHA"));
        }
        assertFalse(reachability.away());
        assertEquals(0, pings.get(), "no probe while Redis answers");
    }

    @Test
    void afterAnUnansweredCallEveryCallIsRefusedUnsentUntilAProbeIsAnswered() {
        reachability.unanswered();
        StoreUnavailableException refused =
                assertThrows(StoreUnavailableException.class, () -> reachability.admit("EVALSHA"));
        assertTrue(refused.retryAfter().isPresent());
        await().atMost(Duration.ofSeconds(5)).until(() -> pings.get() >= 3);
        assertThrows(StoreUnavailableException.class, () -> reachability.admit("EVALSHA"), "still away");

        redisBack.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> !reachability.away());
        assertDoesNotThrow(() -> reachability.admit("EVALSHA"));
        int afterReturn = pings.get();
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> pings.get() == afterReturn);
    }

    @Test
    void anAnswerToAnotherCallEndsTheRefusals() {
        reachability.unanswered();
        assertThrows(StoreUnavailableException.class, () -> reachability.admit("EVALSHA"));
        reachability.answered();
        assertDoesNotThrow(() -> reachability.admit("EVALSHA"));
    }

    @Test
    void withRedisClusterOneShardAwayRefusesNothingUnsent() {
        RedisReachability cluster = RedisReachability.notTracked();
        cluster.unanswered();
        assertDoesNotThrow(() -> cluster.admit("EVALSHA"), "the other shards' tenants go on");
        assertFalse(cluster.away());
    }
}
