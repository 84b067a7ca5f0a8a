package io.dialgate.redis;

import io.dialgate.testing.RedisClients;
import io.dialgate.testing.RedisProcess;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The work of one accept and of one dial event does not grow with the writes pending on the contact (issue 10, hole
 * 10): Redis's own time for each (SLOWLOG, in µs) with 20,000 writes pending is at most twice that with one.
 */
class PendingGrowthTest {

    private static final TenantKeys KEYS = new TenantKeys("acme");
    private static final String LIST = "list-1";
    private static final int PENDING = 20_000;
    private static final int SAMPLES = 40;

    private static RedisProcess server;
    private static Vertx vertx;
    private static RedisDataSource redis;
    private static RedisScripts scripts;

    @BeforeAll
    static void startRedis() {
        server = RedisProcess.start();
        vertx = Vertx.vertx();
        RedisClients clients = RedisClients.connect(vertx, server.uri(), Duration.ofSeconds(30));
        redis = clients.blocking();
        scripts = new RedisScripts(redis, clients.reactive());
    }

    @AfterAll
    static void stopRedis() {
        vertx.closeAndAwait();
        server.close();
    }

    @Test
    void oneAcceptAndOneEventCostTheSameWithOneOrTwentyThousandWritesPending() {
        redis.execute("FLUSHALL");
        accept("few", "few-0");
        for (int i = 0; i < PENDING; i += 1000) {
            redis.execute(
                    "EVAL",
                    """
                    for i = tonumber(ARGV[2]), tonumber(ARGV[3]) do
                      local id = 'many-' .. i
                      redis.call('HSET', ARGV[1] .. 'write:' .. id, 'state', 'QUEUED', 'contactListId', 'list-1',
                        'contactId', 'many', 'acceptedAt', 0, 'attempts', 0)
                      redis.call('RPUSH', KEYS[1], id)
                    end""",
                    "1",
                    KEYS.pendingIds(TenantKeys.member(LIST, "many")),
                    KEYS.prefix(),
                    Integer.toString(i),
                    Integer.toString(i + 999));
        }
        accept("many", "many-last");

        long acceptFew = median(() -> accept("few", null));
        long acceptMany = median(() -> accept("many", null));
        long eventFew = median(new Events("few"));
        long eventMany = median(new Events("many"));
        System.out.printf(
                "Redis time (µs, median of %d): accept 1 pending %d, %d pending %d; event 1 pending %d, "
                        + "%d pending %d%n",
                SAMPLES, acceptFew, PENDING, acceptMany, eventFew, PENDING, eventMany);
        assertTrue(acceptMany <= 2 * acceptFew + 20, "accept: " + acceptFew + " µs vs " + acceptMany + " µs");
        assertTrue(eventMany <= 2 * eventFew + 20, "event: " + eventFew + " µs vs " + eventMany + " µs");
    }

    /** The median Redis time (µs) of the script calls the action makes, as SLOWLOG records them. */
    private static long median(Runnable action) {
        redis.execute("CONFIG", "SET", "slowlog-log-slower-than", "0");
        redis.execute("CONFIG", "SET", "slowlog-max-len", "1000");
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < SAMPLES; i++) {
            redis.execute("SLOWLOG", "RESET");
            action.run();
            for (Response entry : redis.execute("SLOWLOG", "GET", "10")) {
                if (entry.get(3).get(0).toString().equalsIgnoreCase("EVALSHA")) {
                    times.add(entry.get(2).toLong());
                }
            }
        }
        redis.execute("CONFIG", "SET", "slowlog-log-slower-than", "10000");
        long[] sorted = times.stream().mapToLong(Long::longValue).sorted().toArray();
        return sorted[sorted.length / 2];
    }

    private static int sequence;

    private static void accept(String contact, String writeId) {
        String member = TenantKeys.member(LIST, contact);
        String id = writeId != null ? writeId : "w-" + (++sequence);
        scripts.run(
                LuaScript.ACCEPT_WRITE,
                KEYS,
                List.of(KEYS.pending(member), KEYS.pendingIds(member), KEYS.write(id), KEYS.idempotency("-")),
                Arrays.asList(
                        member,
                        id,
                        LIST,
                        contact,
                        "3600",
                        "",
                        "merge",
                        "",
                        "86400",
                        "1000000",
                        "1000000",
                        "",
                        "1",
                        "tier",
                        "gold-" + sequence));
    }

    /** Dial events alternating a start and an end, each one applied (newer than the last). */
    private static final class Events implements Runnable {
        private final String contact;
        private long eventTime = 1_000;

        Events(String contact) {
            this.contact = contact;
        }

        @Override
        public void run() {
            String member = TenantKeys.member(LIST, contact);
            boolean active = (eventTime / 1000) % 2 == 1;
            eventTime += 1000;
            scripts.run(
                    LuaScript.APPLY_EVENT,
                    KEYS,
                    List.of(KEYS.dial(member), KEYS.conversation("")),
                    Arrays.asList(
                            member,
                            Long.toString(eventTime),
                            active ? "DIALING" : "DONE",
                            active ? "2" : "5",
                            "",
                            "",
                            active ? "1" : "0",
                            "600000",
                            "30000",
                            "3600000",
                            "3600000",
                            "0",
                            "",
                            "",
                            "",
                            "",
                            "0"));
        }
    }
}
