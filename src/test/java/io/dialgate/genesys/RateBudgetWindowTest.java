package io.dialgate.genesys;

import io.dialgate.redis.RedisConfig;
import io.dialgate.redis.RedisScripts;
import io.dialgate.testing.RedisClients;
import io.dialgate.testing.RedisProcess;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The budget as Genesys counts it: requests arriving in any 60 s, the burst included. Each turn of
 * {@code rate-budget.lua} reserves a call at a time (Redis's now plus the wait it answers), so a long saturated run is
 * reserved in a moment with no waiting: every sliding 60 s window over the reserved times must hold at most the
 * per-minute budget. (The GCRA with an interval of 60 s / requests-per-minute let the burst come on top: 329 in a
 * minute for a budget of 300, which Genesys answers with 429s.)
 */
class RateBudgetWindowTest {

    private static final long MINUTE_MILLIS = 60_000;

    private static RedisProcess server;
    private static Vertx vertx;
    private static RedisDataSource redis;
    private static RateBudget budget;

    @BeforeAll
    static void startRedis() {
        server = RedisProcess.start();
        vertx = Vertx.vertx();
        RedisClients clients = RedisClients.connect(vertx, server.uri(), Duration.ofSeconds(10));
        redis = clients.blocking();
        budget = new RateBudget(new RedisScripts(redis, clients.reactive(), new NoReplicaAcks(), "standalone"));
    }

    @AfterAll
    static void stopRedis() {
        vertx.closeAndAwait();
        server.close();
    }

    @BeforeEach
    void emptyRedis() {
        redis.execute("FLUSHALL");
    }

    @ParameterizedTest(name = "{0} requests/min")
    @ValueSource(ints = {300, 60, 7, 2, 1200})
    void noSixtySecondWindowHoldsMoreCallsThanTheBudgetAllowsBurstIncluded(int requestsPerMinute) {
        RateBudget.Pace pace = RateBudget.Pace.of(requestsPerMinute);
        // Three saturated minutes: the burst, then the steady pace across two more window lengths.
        int calls = 3 * requestsPerMinute + pace.burst();
        List<Long> sendTimes = new ArrayList<>();
        for (int i = 0; i < calls; i++) {
            long now = redisNow();
            long wait = budget.reserve("budget-window", pace, Duration.ofMinutes(10));
            assertTrue(wait >= 0, "reserved within ten minutes: " + wait);
            sendTimes.add(now + wait);
        }

        int busiest = busiestWindow(sendTimes);
        assertTrue(
                busiest <= requestsPerMinute,
                "at most " + requestsPerMinute + " calls in any 60 s, burst included; the busiest window had "
                        + busiest);
        assertTrue(
                busiest >= requestsPerMinute - 1 - requestsPerMinute / 100,
                "the budget is used: the busiest window had " + busiest + " of " + requestsPerMinute);
    }

    @ParameterizedTest(name = "{0} requests/min")
    @ValueSource(ints = {300, 60})
    void anIdleTenantStillGetsItsBurstAtOnce(int requestsPerMinute) {
        RateBudget.Pace pace = RateBudget.Pace.of(requestsPerMinute);
        for (int i = 0; i < pace.burst(); i++) {
            assertEquals(
                    0, budget.reserve("budget-burst", pace, Duration.ofMinutes(10)), "call " + i + " of the burst");
        }
    }

    /** The default {@code dialgate.redis.*}: no replica acknowledgements. */
    private static final class NoReplicaAcks implements RedisConfig {
        @Override
        public int replicaAcks() {
            return 0;
        }

        @Override
        public Duration replicaAckTimeout() {
            return Duration.ofSeconds(1);
        }
    }

    /** The most reserved call times within any half-open window [t, t + 60 s), as Genesys's sliding window counts. */
    private static int busiestWindow(List<Long> times) {
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        int busiest = 0;
        int first = 0;
        for (int last = 0; last < sorted.length; last++) {
            while (sorted[last] - sorted[first] >= MINUTE_MILLIS) {
                first++;
            }
            busiest = Math.max(busiest, last - first + 1);
        }
        return busiest;
    }

    private static long redisNow() {
        Response time = redis.execute("TIME");
        return time.get(0).toLong() * 1000 + time.get(1).toLong() / 1000;
    }
}
