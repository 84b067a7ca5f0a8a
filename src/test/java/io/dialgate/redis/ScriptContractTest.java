package io.dialgate.redis;

import io.dialgate.testing.RedisClients;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.RespClient;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each Lua script's contract, checked directly against a real {@code redis-server}: the scripts run exactly as the
 * service runs them ({@link RedisScripts}: prelude composed in, EVALSHA), with the KEYS and ARGV their header declares
 * (every call here is checked against the header), on data prepared in Redis. After every call, every key in Redis
 * must still lie under the tenant's hash tag.
 */
class ScriptContractTest {

    private static final String TENANT = "acme";
    private static final TenantKeys KEYS = new TenantKeys(TENANT);
    private static final String LIST = "list-1";
    private static final long RETENTION_SECONDS = 3600;
    private static final long MAX_WRITE_AGE_MILLIS = 86_400_000;
    /** The tenant subscribes to no outcome callbacks (callbacks.lua queues nothing; CallbackScriptsTest covers it). */
    private static final String NO_CALLBACKS = "";

    private static RedisProcess server;
    private static Vertx vertx;
    private static ReactiveRedisDataSourceImpl reactive;
    private static RedisDataSource redis;
    private static RedisScripts scripts;

    @BeforeAll
    static void startRedis() {
        server = RedisProcess.start();
        vertx = Vertx.vertx();
        RedisClients clients = RedisClients.connect(vertx, server.uri(), Duration.ofSeconds(10));
        reactive = clients.reactive();
        redis = clients.blocking();
        scripts = new RedisScripts(redis, reactive);
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

    @Nested
    class Headers {

        @Test
        void everyScriptDeclaresItsKeysItsArgumentsInOrderAndWhatItReturns() {
            for (LuaScript script : LuaScript.values()) {
                ScriptHeader header = header(script);
                assertFalse(header.keyPatterns().isEmpty(), script + " declares its KEYS");
                assertEquals(
                        List.of("prefix", "tenant"),
                        header.argNames().subList(0, 2),
                        script + ": ARGV[1] and ARGV[2] are the tenant prefix and name, as RedisScripts passes them");
                assertFalse(header.returns().isBlank(), script + " declares what it returns");
            }
        }

        @Test
        void noScriptSpellsTheWakeChannelItself() {
            String spelled = "'" + RedisScripts.WAKE_CHANNEL_SUFFIX + "'";
            for (LuaScript script : LuaScript.values()) {
                assertFalse(resource(script.resource()).contains(spelled), script.name());
            }
            assertFalse(resource("lua/prelude.lua").contains(spelled), "prelude.lua");
        }
    }

    @Nested
    class Prelude {

        @Test
        void itsKeyNamesAreTheNamesTenantKeysGives() {
            for (String tenant : List.of("acme", "t-2", "Ümlaut co")) {
                for (String contact :
                        List.of("c-1", "with:colons:in:it", "{braces}", " spaced ", "*?[glob]", "é€%41")) {
                    TenantKeys keys = new TenantKeys(tenant);
                    String member = TenantKeys.member(LIST, contact);
                    String writeId = "w:" + contact;
                    List<String> fromLua = strings(redis.execute(
                            "EVAL", RedisScripts.withPrelude("""
                            return {k_dial(ARGV[3]), k_pending(ARGV[3]), k_pending_ids(ARGV[3]), k_flight(ARGV[3]),
                                    k_flight_ids(ARGV[3]), k_write(ARGV[4]), K_READY, K_HELD, K_INFLIGHT, K_DEAD,
                                    K_PAUSE, K_COUNTS, K_HELD_SINCE, k_failed(ARGV[4]), k_versions(ARGV[3]),
                                    WAKE_CHANNEL}"""), "0", keys.prefix(), tenant, member, writeId));
                    assertEquals(
                            List.of(
                                    keys.dial(member),
                                    keys.pending(member),
                                    keys.pendingIds(member),
                                    keys.inFlight(member),
                                    keys.inFlightIds(member),
                                    keys.write(writeId),
                                    keys.ready(),
                                    keys.held(),
                                    keys.inFlightSet(),
                                    keys.deadLetters(),
                                    keys.pause(),
                                    keys.counts(),
                                    keys.heldSince(),
                                    keys.failedPayload(writeId),
                                    keys.columnVersions(member),
                                    RedisScripts.wakeChannel(tenant)),
                            fromLua,
                            "tenant " + tenant + ", member " + member);
                }
            }
        }

        @Test
        void theScriptsPublishReadyTenantsOnTheTenantsWakeChannelShardedFromRedis7() throws Exception {
            boolean sharded = server.majorVersion() >= 7;
            try (RespClient subscriber = new RespClient(server.port())) {
                List<?> confirmation = (List<?>)
                        subscriber.call(sharded ? "SSUBSCRIBE" : "SUBSCRIBE", RedisScripts.wakeChannel(TENANT));
                assertEquals(sharded ? "ssubscribe" : "subscribe", confirmation.get(0));

                accept("c-1", "w1", "tier", "gold");

                assertEquals(
                        List.of(sharded ? "smessage" : "message", RedisScripts.wakeChannel(TENANT), TENANT),
                        subscriber.next());
            }
        }

        @Test
        void anotherTenantsChannelHearsNothing() {
            boolean sharded = server.majorVersion() >= 7;
            try (RespClient subscriber = new RespClient(server.port())) {
                subscriber.call(sharded ? "SSUBSCRIBE" : "SUBSCRIBE", RedisScripts.wakeChannel("other"));
                accept("c-1", "w1", "tier", "gold");
                // Replies come in order: had acme's wake-up reached this connection, it would come before this one.
                assertEquals(
                        List.of(sharded ? "ssubscribe" : "subscribe", RedisScripts.wakeChannel("later"), 2L),
                        subscriber.call(sharded ? "SSUBSCRIBE" : "SUBSCRIBE", RedisScripts.wakeChannel("later")));
            }
        }

        @Test
        void aWriteHeldByAnActiveDialAlsoWakesTheDispatchersToLearnItsDueTime() {
            // Dispatchers claim only when woken or due: without this wake-up no pod would know when the hold ends.
            dialActive("c-1", 60_000);
            boolean sharded = server.majorVersion() >= 7;
            try (RespClient subscriber = new RespClient(server.port())) {
                subscriber.call(sharded ? "SSUBSCRIBE" : "SUBSCRIBE", RedisScripts.wakeChannel(TENANT));

                accept("c-1", "w1", "tier", "gold");

                assertEquals("HELD", writeState("w1"));
                assertEquals(
                        List.of(sharded ? "smessage" : "message", RedisScripts.wakeChannel(TENANT), TENANT),
                        subscriber.next());
            }
        }
    }

    @Nested
    class AcceptWrite {

        @Test
        void createsTheStatusRecordAndQueuesTheWriteOfAContactNotInADial() {
            long before = redisNow();
            assertEquals(List.of("QUEUED", "w1"), strings(accept("c-1", "w1", "tier", "gold")));

            Map<String, String> record = hash(KEYS.write("w1"));
            assertEquals("QUEUED", record.get("state"));
            assertEquals(LIST, record.get("contactListId"));
            assertEquals("c-1", record.get("contactId"));
            assertEquals("0", record.get("attempts"));
            assertTrue(Long.parseLong(record.get("acceptedAt")) >= before);
            assertTrue(redis.execute("TTL", KEYS.write("w1")).toLong() > 0, "the status record expires");
            String m = member("c-1");
            assertEquals("gold", hash(KEYS.pending(m)).get("d:tier"));
            assertEquals("QUEUED", hash(KEYS.pending(m)).get("st"));
            assertEquals(List.of("w1"), list(KEYS.pendingIds(m)));
            assertTrue(score(KEYS.ready(), m) <= redisNow(), "ready now");
            assertNull(scoreOrNull(KEYS.held(), m));
        }

        @Test
        void holdsTheWriteOfAContactInAnActiveDialUntilItsWindowRunsOut() {
            long activeUntil = dialActive("c-1", 60_000);
            assertEquals(List.of("HELD", "w1"), strings(accept("c-1", "w1", "tier", "gold")));

            String m = member("c-1");
            assertEquals("HELD", writeState("w1"));
            assertEquals(activeUntil, score(KEYS.held(), m));
            assertNull(scoreOrNull(KEYS.ready(), m));
        }

        @Test
        void mergesLaterWritesColumnByColumnAndAReplaceWriteDropsEarlierColumns() {
            accept("c-1", "w1", "tier", "gold", "color", "red");
            accept("c-1", "w2", "tier", "platinum");
            Map<String, String> merged = hash(KEYS.pending(member("c-1")));
            assertEquals("platinum", merged.get("d:tier"));
            assertEquals("red", merged.get("d:color"));

            run(
                    LuaScript.ACCEPT_WRITE,
                    acceptKeys("c-1", "w3", "-"),
                    acceptArgs("c-1", "w3", "replace", "", "region", "eu"));
            Map<String, String> replaced = hash(KEYS.pending(member("c-1")));
            assertEquals("eu", replaced.get("d:region"));
            assertNull(replaced.get("d:tier"));
            assertEquals("replace", replaced.get("mode"));
            assertEquals(List.of("w1", "w2", "w3"), list(KEYS.pendingIds(member("c-1"))));
        }

        @Test
        void aRepeatedIdempotencyKeyReplaysTheSameRequestAndRefusesAnotherStoringNothing() {
            assertEquals(
                    List.of("QUEUED", "w1"),
                    strings(run(
                            LuaScript.ACCEPT_WRITE,
                            acceptKeys("c-1", "w1", "k1"),
                            acceptArgs("c-1", "w1", "merge", "fp-1", "tier", "gold"))));
            assertEquals(
                    List.of("REPLAY", "w1", "QUEUED"),
                    strings(run(
                            LuaScript.ACCEPT_WRITE,
                            acceptKeys("c-1", "w2", "k1"),
                            acceptArgs("c-1", "w2", "merge", "fp-1", "tier", "gold"))));
            assertEquals(
                    List.of("CONFLICT"),
                    strings(run(
                            LuaScript.ACCEPT_WRITE,
                            acceptKeys("c-1", "w3", "k1"),
                            acceptArgs("c-1", "w3", "merge", "fp-2", "tier", "silver"))));

            assertEquals(
                    0,
                    redis.execute("EXISTS", KEYS.write("w2"), KEYS.write("w3")).toLong());
            assertEquals(List.of("w1"), list(KEYS.pendingIds(member("c-1"))));
            assertTrue(redis.execute("TTL", KEYS.idempotency("k1")).toLong() > 0);
        }
    }

    @Nested
    class PendingCaps {

        @Test
        void aWritePastTheContactsCapIsRefusedAndNothingIsStored() {
            String[] args = acceptArgs("c-1", "w3", "merge", "", "tier", "gold");
            args[9] = "2";
            accept("c-1", "w1", "tier", "gold");
            accept("c-1", "w2", "tier", "gold");
            Map<String, String> before = dump();
            assertEquals(
                    List.of("FULL", "contact"),
                    strings(run(LuaScript.ACCEPT_WRITE, acceptKeys("c-1", "w3", "-"), args)));
            assertEquals(before, dump());
            args = acceptArgs("c-2", "w3", "merge", "", "tier", "gold");
            args[9] = "2";
            assertEquals(
                    "QUEUED",
                    run(LuaScript.ACCEPT_WRITE, acceptKeys("c-2", "w3", "-"), args)
                            .get(0)
                            .toString(),
                    "another contact is not capped");
        }

        @Test
        void aWritePastTheTenantsCapIsRefusedCountingWritesInFlight() {
            acceptAndClaim("c-1", "w1");
            accept("c-2", "w2", "tier", "gold");
            String[] args = acceptArgs("c-3", "w3", "merge", "", "tier", "gold");
            args[10] = "2";
            Map<String, String> before = dump();
            assertEquals(
                    List.of("FULL", "tenant"),
                    strings(run(LuaScript.ACCEPT_WRITE, acceptKeys("c-3", "w3", "-"), args)));
            assertEquals(before, dump());
        }
    }

    @Nested
    class AcceptBatch {

        @Test
        void storesEveryItemAndRecordsEachResultUnderTheKey() {
            dialActive("c-2", 60_000);
            Response reply = batch("k1", "fp-1", item(0, "c-1", "w1"), item(2, "c-2", "w2"));
            assertEquals(List.of("STORED", "0"), strings(reply).subList(0, 2));
            assertEquals(List.of("0", "w1", "QUEUED", "2", "w2", "HELD"), strings(reply.get(2)));
            assertEquals("gold", hash(KEYS.pending(member("c-1"))).get("d:tier"));
            assertEquals(List.of("w2"), list(KEYS.pendingIds(member("c-2"))));
            Map<String, String> record = hash(KEYS.idempotency("k1"));
            assertEquals("fp-1", record.get("fp"));
            assertEquals("w1\nQUEUED", record.get("0"));
            assertTrue(redis.execute("TTL", KEYS.idempotency("k1")).toLong() > 0);
        }

        @Test
        void aRetryAnswersTheRecordedResultsAndStoresNothingAgain() {
            batch("k1", "fp-1", item(0, "c-1", "w1"), item(1, "c-2", "w2"));
            Map<String, String> before = dump();
            Response replay = batch("k1", "fp-1", item(0, "c-1", "w8"), item(1, "c-2", "w9"));
            assertEquals(List.of("STORED", "1"), strings(replay).subList(0, 2));
            assertEquals(List.of("0", "w1", "QUEUED", "1", "w2", "QUEUED"), strings(replay.get(2)));
            assertEquals(before, dump());
        }

        @Test
        void aRetryAfterAStopPartWayStoresOnlyTheItemsNotRecorded() {
            batch("k1", "fp-1", item(0, "c-1", "w1"));
            Response resumed = batch("k1", "fp-1", item(0, "c-1", "w8"), item(1, "c-2", "w2"));
            assertEquals(List.of("STORED", "0"), strings(resumed).subList(0, 2));
            assertEquals(List.of("0", "w1", "QUEUED", "1", "w2", "QUEUED"), strings(resumed.get(2)));
            assertEquals(List.of("w1"), list(KEYS.pendingIds(member("c-1"))));
            assertEquals(0, redis.execute("EXISTS", KEYS.write("w8")).toLong());
        }

        @Test
        void aKeyUsedForAnotherRequestOrTheSingleWriteEndpointIsAConflict() {
            batch("k1", "fp-1", item(0, "c-1", "w1"));
            run(
                    LuaScript.ACCEPT_WRITE,
                    acceptKeys("c-1", "w2", "k2"),
                    acceptArgs("c-1", "w2", "merge", "fp-2", "tier", "gold"));
            Map<String, String> before = dump();
            assertEquals(List.of("CONFLICT"), strings(batch("k1", "fp-other", item(0, "c-3", "w3"))));
            assertEquals(List.of("CONFLICT"), strings(batch("k2", "fp-2", item(0, "c-3", "w3"))));
            assertEquals(
                    List.of("CONFLICT"),
                    strings(run(
                            LuaScript.ACCEPT_WRITE,
                            acceptKeys("c-1", "w4", "k1"),
                            acceptArgs("c-1", "w4", "merge", "fp-1", "tier", "gold"))));
            assertEquals(before, dump());
        }

        @Test
        void itemsPastACapRefuseTheWholeBatchStoringNothing() {
            accept("c-1", "w0", "tier", "gold");
            Map<String, String> before = dump();
            assertEquals(
                    List.of("FULL", "contact"),
                    strings(run(
                            LuaScript.ACCEPT_BATCH,
                            List.of(KEYS.idempotency("k1")),
                            concat(
                                    List.of("fp-1", "86400", Long.toString(RETENTION_SECONDS), "2", "1000000", ""),
                                    item(0, "c-2", "w1"),
                                    item(1, "c-1", "w2"),
                                    item(2, "c-1", "w3")))));
            assertEquals(before, dump());
        }

        private static String[] item(int index, String contact, String writeId) {
            return new String[] {
                Integer.toString(index), member(contact), writeId, LIST, contact, "", "merge", "1", "0", "tier", "gold"
            };
        }

        private static Response batch(String key, String fingerprint, String[]... items) {
            return run(
                    LuaScript.ACCEPT_BATCH,
                    List.of(KEYS.idempotency(key)),
                    concat(
                            List.of(fingerprint, "86400", Long.toString(RETENTION_SECONDS), "1000", "1000000", ""),
                            items));
        }

        private static String[] concat(List<String> head, String[]... items) {
            List<String> all = new ArrayList<>(head);
            for (String[] item : items) {
                all.addAll(List.of(item));
            }
            return all.toArray(String[]::new);
        }
    }

    @Nested
    class Counts {

        @Test
        void followEveryWriteThroughHoldReleaseClaimAndEndWithoutWalkingAnything() {
            accept("c-1", "w1", "tier", "gold");
            accept("c-1", "w2", "tier", "red");
            assertEquals(List.of("2", "0", "0"), counts());
            event("c-1", 1000, "DIALING", 2, "", true);
            assertEquals(List.of("0", "2", "0"), counts());
            event("c-1", 2000, "DONE", 5, "", false);
            assertEquals(List.of("2", "0", "0"), counts());
            String lease = claimedLease("c-1");
            accept("c-1", "w3", "tier", "blue");
            assertEquals(List.of("1", "0", "2"), counts());
            complete("c-1", lease, "RETRY", 0, "");
            assertEquals(List.of("3", "0", "0"), counts());
            complete("c-1", claimedLease("c-1"), "FAILED", 0, "{}");
            assertEquals(List.of("0", "0", "0"), counts());
            retry("w2");
            assertEquals(List.of("1", "0", "0"), counts());
            complete("c-1", claimedLease("c-1"), "APPLIED", 0, "");
            assertEquals(List.of("0", "0", "0"), counts());
        }

        private static List<String> counts() {
            return strings(stats()).subList(0, 3);
        }

        private static String claimedLease(String contact) {
            for (Response claimed : claim(10, 30_000).get(0)) {
                if (claimed.get(0).toString().equals(member(contact))) {
                    return claimed.get(1).toString();
                }
            }
            throw new AssertionError(contact + " was not claimed");
        }
    }

    @Nested
    class ApplyEvent {

        @Test
        void aDialStartHoldsPendingWritesAndItsEndReleasesThem() {
            accept("c-1", "w1", "tier", "gold");
            String m = member("c-1");

            assertEquals(List.of("applied", "DIALING", "0", "0"), strings(event("c-1", 1000, "DIALING", 2, "", true)));
            assertEquals("HELD", writeState("w1"));
            assertNull(scoreOrNull(KEYS.ready(), m));
            assertEquals(Long.parseLong(hash(KEYS.dial(m)).get("activeUntil")), score(KEYS.held(), m));

            assertEquals(List.of("applied", "DONE", "1", "1"), strings(event("c-1", 2000, "DONE", 5, "", false)));
            assertEquals("QUEUED", writeState("w1"));
            assertNull(scoreOrNull(KEYS.held(), m));
            assertTrue(score(KEYS.ready(), m) <= redisNow());
            assertEquals("post_contact", hash(KEYS.dial(m)).get("endedBy"));
        }

        @Test
        void ordersEventsByEventTimeThenPhaseRankWhateverTheirArrival() {
            assertEquals(
                    "applied",
                    strings(event("c-1", 2000, "CONNECTED", 3, "", true)).get(0));
            assertEquals(
                    List.of("duplicate", "CONNECTED"),
                    strings(event("c-1", 2000, "CONNECTED", 3, "", true)).subList(0, 2));
            assertEquals(
                    List.of("stale", "CONNECTED"),
                    strings(event("c-1", 1000, "WRAPUP", 4, "", true)).subList(0, 2));
            assertEquals(
                    List.of("stale", "CONNECTED"),
                    strings(event("c-1", 2000, "DIALING", 2, "", true)).subList(0, 2));
            assertEquals(
                    List.of("applied", "WRAPUP"),
                    strings(event("c-1", 2000, "WRAPUP", 4, "", true)).subList(0, 2));
            assertEquals("post_call_grace", hash(KEYS.dial(member("c-1"))).get("window"));
        }

        @Test
        void aStartForAConversationThatAlreadyEndedIsLate() {
            event("c-1", 2000, "DONE", 5, "conv-1", false);
            assertEquals("1", hash(KEYS.conversation("conv-1")).get("ended"));
            assertEquals(
                    List.of("late", "DONE"),
                    strings(event("c-1", 3000, "DIALING", 2, "conv-1", true)).subList(0, 2));
        }

        @Test
        void appliesAConversationEventParkedBeforeTheConversationWasLinked() {
            assertEquals(List.of("parked"), strings(park("conv-1", 3000, "WRAPUP", 4)));
            assertEquals(List.of("parked"), strings(park("conv-1", 2500, "CONNECTED", 3)), "an older one is dropped");

            assertEquals(
                    List.of("applied", "WRAPUP"),
                    strings(event("c-1", 2000, "DIALING", 2, "conv-1", true)).subList(0, 2));
            Map<String, String> conversation = hash(KEYS.conversation("conv-1"));
            assertEquals(member("c-1"), conversation.get("member"));
            assertNull(conversation.get("jt"), "the parked event is used up");
            assertEquals("3000", hash(KEYS.dial(member("c-1"))).get("evt"));
        }
    }

    @Nested
    class ParkEvent {

        @Test
        void answersTheContactOnceTheConversationIsLinked() {
            event("c-1", 2000, "DIALING", 2, "conv-1", true);
            assertEquals(List.of("joined", member("c-1")), strings(park("conv-1", 3000, "WRAPUP", 4)));
        }

        @Test
        void keepsTheNewestUnlinkedEventWithATimeToLive() {
            park("conv-1", 3000, "WRAPUP", 4);
            park("conv-1", 3000, "CONNECTED", 3);
            assertEquals("WRAPUP", hash(KEYS.conversation("conv-1")).get("jp"));
            assertTrue(redis.execute("PTTL", KEYS.conversation("conv-1")).toLong() > 0);
        }
    }

    @Nested
    class Claim {

        @Test
        void leasesReadyContactsAsInFlightSnapshotsAndCountsAnAttempt() {
            accept("c-1", "w1", "tier", "gold");
            long before = redisNow();
            Response reply = claim(10, 30_000);

            Response claimed = reply.get(0).get(0);
            String m = member("c-1");
            assertEquals(m, claimed.get(0).toString());
            String lease = claimed.get(1).toString();
            assertTrue(lease.startsWith("pod-a:"), lease);
            assertEquals("gold", RedisReplies.hash(claimed.get(2)).get("d:tier"));
            assertEquals(List.of("w1"), strings(claimed.get(3)));

            assertEquals(lease, hash(KEYS.inFlight(m)).get("lease"));
            assertEquals(List.of("w1"), list(KEYS.inFlightIds(m)));
            assertEquals(
                    0,
                    redis.execute("EXISTS", KEYS.pending(m), KEYS.pendingIds(m)).toLong());
            assertTrue(score(KEYS.inFlightSet(), m) >= before + 30_000);
            assertEquals("IN_FLIGHT", writeState("w1"));
            assertEquals("1", hash(KEYS.write("w1")).get("attempts"));
            assertEquals(1, reply.get(0).size());
            assertEquals(score(KEYS.inFlightSet(), m), reply.get(1).toLong(), "next due: the lease's expiry");
            assertEquals(List.of("0", "0", "0"), strings(reply).subList(2, 5), "nothing reclaimed or ended");
            assertTrue(reply.get(5).toLong() >= before);
            assertEquals(0, reply.get(6).toLong(), "not paused");
            assertEquals(0, reply.get(7).toLong(), "nothing left ready");
        }

        @Test
        void leasesNoMoreThanAskedAndSaysWhenTheRestIsDue() {
            accept("c-1", "w1", "tier", "gold");
            accept("c-2", "w2", "tier", "gold");
            accept("c-3", "w3", "tier", "gold");
            Response reply = claim(1, 30_000);
            assertEquals(1, reply.get(0).size());
            assertTrue(reply.get(1).toLong() <= reply.get(5).toLong(), "the other contacts are due now");
            assertEquals(2, reply.get(7).toLong(), "the ready backlog left: the two not claimed");
        }

        @Test
        void takesBackAnExpiredLeaseAndQueuesItsWritesAgain() {
            accept("c-1", "w1", "tier", "gold");
            claim(10, 0);

            Response reply = claim(0, 30_000);
            assertEquals(1, reply.get(2).toLong(), "one lease reclaimed");
            String m = member("c-1");
            assertEquals(
                    0,
                    redis.execute("EXISTS", KEYS.inFlight(m), KEYS.inFlightIds(m))
                            .toLong());
            assertNull(scoreOrNull(KEYS.inFlightSet(), m));
            assertEquals("gold", hash(KEYS.pending(m)).get("d:tier"));
            assertEquals("1", hash(KEYS.pending(m)).get("att"), "the lost apply counts as a failed attempt");
            assertEquals(List.of("w1"), list(KEYS.pendingIds(m)));
            assertTrue(scoreOrNull(KEYS.ready(), m) != null);
            assertTrue(hash(KEYS.write("w1")).get("lastError").contains("lease expired"));
        }

        @Test
        void endsAHeldDialWhoseWindowRanOutWithoutAnEventAndLeasesItsWrites() {
            dialActive("c-1", 60_000);
            accept("c-1", "w1", "tier", "gold");
            String m = member("c-1");
            redis.execute("HSET", KEYS.dial(m), "activeUntil", "1", "window", "post_call_grace");
            redis.execute("ZADD", KEYS.held(), "1", m);

            Response reply = claim(10, 30_000);
            assertEquals(
                    List.of("0", "1"),
                    List.of(reply.get(3).toString(), reply.get(4).toString()),
                    "ended by the post-call grace");
            assertEquals("post_call_grace", hash(KEYS.dial(m)).get("endedBy"));
            assertEquals("0", hash(KEYS.dial(m)).get("active"));
            assertEquals(1, reply.get(0).size(), "its writes are released and leased in the same round");
            assertNull(scoreOrNull(KEYS.held(), m));
        }

        @Test
        void whileTheTenantIsPausedLeasesNothingAndReturnsThePauseEnd() {
            long until = pause(60_000).toLong();
            accept("c-1", "w1", "tier", "gold");

            Response reply = claim(10, 30_000);
            assertEquals(0, reply.get(0).size());
            assertEquals(until, reply.get(1).toLong(), "nothing is due before the pause ends");
            assertEquals(until, reply.get(6).toLong());
            assertTrue(scoreOrNull(KEYS.ready(), member("c-1")) != null, "the write stays ready");
        }
    }

    @Nested
    class Complete {

        @Test
        void appliedMarksEveryWriteAppliedAndForgetsTheSnapshot() {
            String lease = acceptAndClaim("c-1", "w1");
            assertEquals("APPLIED", complete("c-1", lease, "APPLIED", 0, "").toString());

            String m = member("c-1");
            assertEquals("APPLIED", writeState("w1"));
            assertTrue(hash(KEYS.write("w1")).containsKey("appliedAt"));
            assertEquals(
                    0,
                    redis.execute("EXISTS", KEYS.inFlight(m), KEYS.inFlightIds(m), KEYS.pending(m))
                            .toLong());
            assertNull(scoreOrNull(KEYS.inFlightSet(), m));
            assertNull(scoreOrNull(KEYS.ready(), m));
        }

        @Test
        void failedMakesEachWriteADeadLetterKeepingItsOwnColumnsAndCopiesNoMergedPayload() {
            accept("c-1", "w1", "tier", "gold");
            String lease = acceptAndClaim("c-1", "w2", "color", "red");
            assertEquals(
                    "FAILED",
                    complete("c-1", lease, "FAILED", 0, "{\"status\":403}").toString());

            for (String id : List.of("w1", "w2")) {
                Map<String, String> record = hash(KEYS.write(id));
                assertEquals("FAILED", record.get("state"));
                assertEquals("{\"status\":403}", record.get("lastError"));
                assertNull(record.get("payload"), "nothing copied into the record at failure");
                assertTrue(scoreOrNull(KEYS.deadLetters(), id) != null);
            }
            assertEquals("[\"d:tier\",\"gold\"]", hash(KEYS.write("w1")).get("own"), "kept since its acceptance");
            assertEquals("[\"d:color\",\"red\"]", hash(KEYS.write("w2")).get("own"));
            assertEquals(0, redis.execute("EXISTS", KEYS.failedPayload(lease)).toLong());
            assertNull(scoreOrNull(KEYS.inFlightSet(), member("c-1")));
        }

        @Test
        void aRecordWrittenBeforeRecordsKeptTheirOwnFieldsNamesTheSnapshotKeptOnce() {
            String lease = acceptAndClaim("c-1", "w1");
            redis.execute("HDEL", KEYS.write("w1"), "own");
            complete("c-1", lease, "FAILED", 0, "{\"status\":400}");
            assertEquals(lease, hash(KEYS.write("w1")).get("payload"));
            String kept = redis.execute("GET", KEYS.failedPayload(lease)).toString();
            assertTrue(kept.contains("\"d:tier\",\"gold\""), kept);
            assertEquals("QUEUED", retry("w1").toString());
            assertEquals("gold", hash(KEYS.pending(member("c-1"))).get("d:tier"));
        }

        @Test
        void retryReturnsTheSnapshotUnderWritesAcceptedMeanwhileAndQueuesItLater() {
            String lease = acceptAndClaim("c-1", "w1", "tier", "gold", "color", "red");
            accept("c-1", "w2", "tier", "platinum");
            assertNull(scoreOrNull(KEYS.ready(), member("c-1")), "a write accepted during the apply waits for it");

            long before = redisNow();
            assertEquals(
                    "RETRY",
                    complete("c-1", lease, "RETRY", 5000, "{\"status\":503}").toString());
            String m = member("c-1");
            Map<String, String> pending = hash(KEYS.pending(m));
            assertEquals("platinum", pending.get("d:tier"), "the newer write wins");
            assertEquals("red", pending.get("d:color"), "the snapshot's other columns stay");
            assertEquals("1", pending.get("att"));
            assertEquals(List.of("w1", "w2"), list(KEYS.pendingIds(m)), "returned writes keep their place");
            assertTrue(score(KEYS.ready(), m) >= before + 5000);
            assertEquals("QUEUED", writeState("w1"));
            assertEquals("{\"status\":503}", hash(KEYS.write("w1")).get("lastError"));
        }

        @Test
        void eachWritesTraceparentReachesTheClaimAndStaysThroughARetry() {
            String first = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";
            String second = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
            String[] args = acceptArgs("c-1", "w1", "merge", "", "tier", "gold");
            args[11] = first;
            run(LuaScript.ACCEPT_WRITE, acceptKeys("c-1", "w1", "-"), args);
            run(
                    LuaScript.ACCEPT_BATCH,
                    List.of(KEYS.idempotency("-")),
                    "",
                    "86400",
                    Long.toString(RETENTION_SECONDS),
                    "1000",
                    "1000000",
                    second,
                    "0",
                    member("c-1"),
                    "w2",
                    LIST,
                    "c-1",
                    "",
                    "merge",
                    "1",
                    "0",
                    "color",
                    "red");

            Response claimed = claim(10, 30_000).get(0).get(0);
            Map<String, String> snapshot = RedisReplies.hash(claimed.get(2));
            assertEquals(first, snapshot.get("tp:w1"));
            assertEquals(second, snapshot.get("tp:w2"));

            complete("c-1", claimed.get(1).toString(), "RETRY", 0, "");
            Map<String, String> pending = hash(KEYS.pending(member("c-1")));
            assertEquals(first, pending.get("tp:w1"), "a retried apply still joins the requests' traces");
            assertEquals(second, pending.get("tp:w2"));
        }

        @Test
        void aNewerReplaceWriteDropsTheReturnedSnapshotsColumns() {
            String lease = acceptAndClaim("c-1", "w1", "tier", "gold");
            run(
                    LuaScript.ACCEPT_WRITE,
                    acceptKeys("c-1", "w2", "-"),
                    acceptArgs("c-1", "w2", "replace", "", "region", "eu"));
            complete("c-1", lease, "RETRY", 0, "");
            Map<String, String> pending = hash(KEYS.pending(member("c-1")));
            assertNull(pending.get("d:tier"));
            assertEquals("eu", pending.get("d:region"));
        }

        @Test
        void busyHoldsTheWritesUntilGenesysSaysTheContactIsFree() {
            String lease = acceptAndClaim("c-1", "w1");
            assertEquals("BUSY", complete("c-1", lease, "BUSY", 5000, "").toString());
            String m = member("c-1");
            long busyUntil = Long.parseLong(hash(KEYS.dial(m)).get("busyUntil"));
            assertEquals(busyUntil, score(KEYS.ready(), m));
            assertEquals("HELD", writeState("w1"));
        }

        @Test
        void deferGivesTheWritesBackWithoutCountingAnAttempt() {
            String lease = acceptAndClaim("c-1", "w1");
            assertEquals("DEFER", complete("c-1", lease, "DEFER", 1000, "").toString());
            assertEquals("0", hash(KEYS.write("w1")).get("attempts"));
            assertEquals("0", hash(KEYS.pending(member("c-1"))).get("att"));
            assertEquals("QUEUED", writeState("w1"));
        }

        @Test
        void anOutcomeForALeaseNoLongerHeldIsLostAndChangesNothing() {
            acceptAndClaim("c-1", "w1");
            Map<String, String> before = dump();
            assertEquals(
                    "lost",
                    complete("c-1", "pod-b:1:" + member("c-1"), "APPLIED", 0, "")
                            .toString());
            assertEquals(before, dump());
        }
    }

    @Nested
    class SplitApply {

        @Test
        void ownFieldsListsTheWritesInFlightOldestFirstWithTheColumnsEachBroughtItself() {
            accept("c-1", "w1", "tier", "gold", "color", "red");
            run(
                    LuaScript.ACCEPT_WRITE,
                    acceptKeys("c-1", "w2", "-"),
                    acceptArgs("c-1", "w2", "replace", "", "region", "eu"));
            String lease = claimLease("c-1");
            assertEquals(
                    List.of(
                            "w1",
                            "[\"d:tier\",\"gold\",\"d:color\",\"red\"]",
                            "w2",
                            "[\"mode\",\"replace\",\"d:region\",\"eu\"]"),
                    strings(ownFields("c-1", lease)));
            assertEquals(List.of(), strings(ownFields("c-1", "pod-b:1:" + member("c-1"))), "not the caller's lease");
        }

        @Test
        void endsTheDecidedWritesEachWithItsOwnOutcomeAndForgetsTheSnapshot() {
            accept("c-1", "w1", "tier", "gold");
            accept("c-1", "w2", "email", "bad");
            String lease = acceptAndClaim("c-1", "w3", "region", "eu");
            String split = "{\"applied\":[\"w1\",\"w3\"],\"failed\":[[\"w2\",\"{\\\"status\\\":400}\"]]}";

            assertEquals(
                    "SPLIT", complete("c-1", lease, "APPLIED", 0, "", split).toString());

            assertEquals("APPLIED", writeState("w1"));
            assertEquals("APPLIED", writeState("w3"));
            assertEquals("FAILED", writeState("w2"));
            assertEquals("{\"status\":400}", hash(KEYS.write("w2")).get("lastError"));
            assertNull(scoreOrNull(KEYS.deadLetters(), "w1"));
            assertTrue(scoreOrNull(KEYS.deadLetters(), "w2") != null);
            String m = member("c-1");
            assertEquals(
                    0,
                    redis.execute("EXISTS", KEYS.inFlight(m), KEYS.inFlightIds(m))
                            .toLong());
            assertNull(scoreOrNull(KEYS.inFlightSet(), m));
            assertEquals(List.of("0", "0"), strings(redis.execute("HMGET", KEYS.counts(), "QUEUED", "IN_FLIGHT")));
        }

        @Test
        void theWritesASplitLeftUndecidedGoBackWithTheirOwnColumnsOnly() {
            accept("c-1", "w1", "tier", "gold");
            accept("c-1", "w2", "tier", "platinum", "email", "bad");
            String lease = acceptAndClaim("c-1", "w3", "region", "eu");
            String split = "{\"applied\":[\"w1\"],\"failed\":[[\"w2\",\"{\\\"status\\\":400}\"]]}";

            assertEquals(
                    "RETRY",
                    complete("c-1", lease, "RETRY", 0, "{\"status\":503}", split)
                            .toString());

            String m = member("c-1");
            assertEquals(List.of("w3"), list(KEYS.pendingIds(m)));
            Map<String, String> pending = hash(KEYS.pending(m));
            assertEquals("eu", pending.get("d:region"));
            assertNull(pending.get("d:tier"), "the decided writes' columns are not sent again");
            assertNull(pending.get("d:email"));
            assertEquals("QUEUED", writeState("w3"));
            assertEquals("1", redis.execute("HGET", KEYS.counts(), "QUEUED").toString());
            assertEquals("0", redis.execute("HGET", KEYS.counts(), "IN_FLIGHT").toString());
        }

        @Test
        void aRetriedDeadLetterDropsTheColumnsANewerWriteAppliedSince() {
            accept("c-1", "w1", "tier", "platinum", "email", "bad");
            String lease = acceptAndClaim("c-1", "w2", "color", "red");
            complete(
                    "c-1",
                    lease,
                    "APPLIED",
                    0,
                    "",
                    "{\"applied\":[\"w2\"],\"failed\":[[\"w1\",\"{\\\"status\\\":400}\"]]}");
            String later = acceptAndClaim("c-1", "w3", "tier", "diamond");
            complete("c-1", later, "APPLIED", 0, "");

            assertEquals("QUEUED", retry("w1").toString());
            Map<String, String> pending = hash(KEYS.pending(member("c-1")));
            assertEquals("bad", pending.get("d:email"), "its own column is sent again");
            assertNull(pending.get("d:tier"), "not the tier w3, accepted after it, applied since");
        }

        @Test
        void aRetriedDeadLetterKeepsWhatOnlyOlderWritesApplied() {
            String lease = acceptAndClaim("c-1", "w1", "tier", "gold");
            complete("c-1", lease, "APPLIED", 0, "");
            String failed = acceptAndClaim("c-1", "w2", "tier", "platinum");
            complete("c-1", failed, "FAILED", 0, "{\"status\":400}");

            retry("w2");
            assertEquals("platinum", hash(KEYS.pending(member("c-1"))).get("d:tier"));
        }

        @Test
        void aReplaceAppliedLaterDropsEveryDataColumnOfAnOlderDeadLetter() {
            String lease = acceptAndClaim("c-1", "w1", "tier", "platinum");
            complete("c-1", lease, "FAILED", 0, "{\"status\":400}");
            run(
                    LuaScript.ACCEPT_WRITE,
                    acceptKeys("c-1", "w2", "-"),
                    acceptArgs("c-1", "w2", "replace", "", "region", "eu"));
            complete("c-1", claimLease("c-1"), "APPLIED", 0, "");

            retry("w1");
            Map<String, String> pending = hash(KEYS.pending(member("c-1")));
            assertNull(pending.get("d:tier"));
            assertTrue(redis.execute("PTTL", KEYS.columnVersions(member("c-1"))).toLong() > 0, "kept a retention");
        }
    }

    @Nested
    class MaxWriteAge {

        @Test
        void aWriteThatCouldNotApplyWithinTheMaxAgeEndsFailedExpiredAsARetryableDeadLetter() {
            String lease = acceptAndClaim("c-1", "w1");
            String m = member("c-1");
            redis.execute("HSET", KEYS.inFlight(m), "since", Long.toString(redisNow() - MAX_WRITE_AGE_MILLIS));
            assertEquals(
                    "EXPIRED",
                    complete("c-1", lease, "RETRY", 1000, "{\"call\":\"PUT\",\"status\":503}")
                            .toString());
            Map<String, String> record = hash(KEYS.write("w1"));
            assertEquals("FAILED", record.get("state"));
            assertTrue(record.get("lastError").contains("\"reason\":\"expired\""), record.get("lastError"));
            assertTrue(record.get("lastError").contains("\"status\":503"), "Genesys's last answer is kept");
            assertTrue(scoreOrNull(KEYS.deadLetters(), "w1") != null, "a dead letter");
            assertNull(scoreOrNull(KEYS.ready(), m), "not retried on its own");
            assertEquals("QUEUED", retry("w1").toString(), "retryable");
        }

        @Test
        void aYoungerWriteIsRetriedAsBefore() {
            String lease = acceptAndClaim("c-1", "w1");
            assertEquals("RETRY", complete("c-1", lease, "RETRY", 1000, "").toString());
            assertEquals("QUEUED", hash(KEYS.write("w1")).get("state"));
        }

        @Test
        void theStatusRecordLivesAsLongAsTheWriteThenTheRetentionFromItsEnd() {
            String lease = acceptAndClaim("c-1", "w1");
            redis.execute("PEXPIRE", KEYS.write("w1"), "5000"); // as if accepted almost a retention ago
            complete("c-1", lease, "FAILED", 0, "");
            assertTrue(
                    redis.execute("PTTL", KEYS.write("w1")).toLong() > 600_000_000L,
                    "kept the dead-letter retention from its failure");
            redis.execute("PEXPIRE", KEYS.write("w1"), "5000");
            retry("w1");
            assertTrue(
                    redis.execute("PTTL", KEYS.write("w1")).toLong() > 3_000_000L,
                    "a retried write's record is kept again a retention from its retry");
            String again = claimLease("c-1");
            complete("c-1", again, "APPLIED", 0, "");
            assertTrue(
                    redis.execute("PTTL", KEYS.write("w1")).toLong() > 600_000_000L,
                    "kept the retention from its apply");
        }
    }

    @Nested
    class RenewLease {

        @Test
        void extendsTheLeaseOfItsHolderByAWholeLeaseFromNow() {
            String lease = acceptAndClaim("c-1", "w1");
            String m = member("c-1");
            double before = scoreOrNull(KEYS.inFlightSet(), m);
            assertEquals(List.of("1"), strings(renew(120_000, "c-1", lease)));
            double after = scoreOrNull(KEYS.inFlightSet(), m);
            assertTrue(after >= redisNow() + 119_000 && after > before, "lease now ends a whole lease from now");
        }

        @Test
        void aLeaseTakenBackIsNotRenewedNorBroughtBack() {
            String lease = acceptAndClaim("c-1", "w1");
            String m = member("c-1");
            redis.execute("ZADD", KEYS.inFlightSet(), "0", m);
            // A lease is owner + claim time (ms) + member: a real take-back comes a whole lease after the claim, so the
            // new lease always differs; this test expires the lease at once, and must claim in a later millisecond.
            awaitRedisClockPast(lease);
            claim(10, 30_000); // reclaims the expired lease, then claims the contact again under a new lease
            Map<String, String> before = dump();
            assertEquals(List.of("0"), strings(renew(120_000, "c-1", lease)));
            assertEquals(before, dump(), "a lost lease changes nothing");
            redis.execute("DEL", KEYS.inFlight(m));
            redis.execute("ZREM", KEYS.inFlightSet(), m);
            assertEquals(List.of("0"), strings(renew(120_000, "c-1", lease)));
            assertNull(scoreOrNull(KEYS.inFlightSet(), m), "an apply that completed is not put back in flight");
        }

        @Test
        void oneCallRenewsEveryLeaseItNamesEachOnlyIfStillTheCallersAndAnswersInOrder() {
            String held = acceptAndClaim("c-1", "w1");
            String completed = acceptAndClaim("c-2", "w2");
            String takenBack = acceptAndClaim("c-3", "w3");
            String alsoHeld = acceptAndClaim("c-4", "w4");
            complete("c-2", completed, "APPLIED", 0, "");
            redis.execute("ZADD", KEYS.inFlightSet(), "0", member("c-3"));
            awaitRedisClockPast(takenBack);
            claim(10, 30_000); // c-3 reclaimed and claimed again under a new lease
            double retaken = scoreOrNull(KEYS.inFlightSet(), member("c-3"));

            Response reply = renew(120_000, "c-1", held, "c-2", completed, "c-3", takenBack, "c-4", alsoHeld);

            assertEquals(List.of("1", "0", "0", "1"), strings(reply));
            long now = redisNow();
            assertTrue(scoreOrNull(KEYS.inFlightSet(), member("c-1")) >= now + 119_000);
            assertTrue(scoreOrNull(KEYS.inFlightSet(), member("c-4")) >= now + 119_000);
            assertNull(scoreOrNull(KEYS.inFlightSet(), member("c-2")), "a completed apply is not put back in flight");
            assertEquals(retaken, scoreOrNull(KEYS.inFlightSet(), member("c-3")), "the new holder's lease untouched");
        }

        @Test
        void noLeaseNamedIsAnEmptyAnswer() {
            assertEquals(List.of(), strings(renew(120_000)));
        }
    }

    @Nested
    class RateBudget {

        @Test
        void letsABurstThroughThenSpacesCallsOneIntervalApart() {
            long start = System.nanoTime();
            assertEquals(0, budget(1000, 2, 5000).toLong());
            assertEquals(0, budget(1000, 2, 5000).toLong());
            long wait = budget(1000, 2, 5000).toLong();
            // The wait counts from the burst's first call by Redis's clock: whatever time passed since then (a loaded
            // machine) is already served, never more.
            long elapsed = (System.nanoTime() - start) / 1_000_000;
            assertTrue(
                    wait <= 1000 && wait >= 1000 - elapsed - 1,
                    "third call waits one interval less the " + elapsed + " ms already passed: " + wait);
        }

        @Test
        void aWaitLongerThanTheCallerAcceptsIsReturnedNegativeAndReservesNothing() {
            budget(1000, 1, 5000);
            String tat = redis.execute("GET", KEYS.budget()).toString();
            long refused = budget(1000, 1, 500).toLong();
            assertTrue(refused < -500, "refused: " + refused);
            assertEquals(tat, redis.execute("GET", KEYS.budget()).toString());
        }

        @Test
        void aPausedTenantGetsNoCallUntilThePauseEndsWhoeverPausedIt() {
            pause(60_000);
            long refused = budget(1000, 10, 120_000).toLong();
            assertTrue(refused < 0 && -refused <= 60_000, "refused for what is left of the pause: " + refused);
            assertTrue(-refused > 50_000, "for what is left of the pause: " + refused);
            assertNull(redis.execute("GET", KEYS.budget()), "nothing reserved");

            redis.execute("DEL", KEYS.pause());
            assertEquals(0, budget(1000, 10, 120_000).toLong(), "the pause over, calls go again");
        }

        @Test
        void aBudgetThatDoesNotHeedThePauseGivesCallsDuringIt() {
            pause(60_000);
            assertEquals(0, budget(1000, 10, 120_000, false).toLong(), "callbacks to the CRM go on");
        }
    }

    @Nested
    class PauseTenant {

        @Test
        void pausesUntilNowPlusTheLengthAndALaterEndWins() {
            long before = redisNow();
            long until = pause(60_000).toLong();
            assertTrue(until >= before + 60_000);
            assertEquals(until, redis.execute("GET", KEYS.pause()).toLong());
            assertTrue(redis.execute("PTTL", KEYS.pause()).toLong() > 0, "the pause key goes away when it ends");

            assertEquals(until, pause(1000).toLong(), "a shorter pause does not cut the longer one short");
            assertEquals(until, redis.execute("GET", KEYS.pause()).toLong());
        }
    }

    @Nested
    class RetryDeadLetter {

        @Test
        void anUnknownWriteIsNotFoundAndAWriteThatHasNotFailedIsRefused() {
            assertEquals("NOT_FOUND", retry("nope").toString());
            accept("c-1", "w1", "tier", "gold");
            assertEquals("NOT_FAILED", retry("w1").toString());
        }

        @Test
        void putsTheFailedColumnsBackUnderNewerPendingWrites() {
            String lease = acceptAndClaim("c-1", "w1", "tier", "gold", "color", "red");
            complete("c-1", lease, "FAILED", 0, "{\"status\":400}");
            accept("c-1", "w2", "tier", "platinum");

            assertEquals("QUEUED", retry("w1").toString());
            String m = member("c-1");
            Map<String, String> pending = hash(KEYS.pending(m));
            assertEquals("platinum", pending.get("d:tier"), "the newer write wins");
            assertEquals("red", pending.get("d:color"));
            assertEquals(List.of("w2", "w1"), list(KEYS.pendingIds(m)));
            assertNull(scoreOrNull(KEYS.deadLetters(), "w1"));
            Map<String, String> record = hash(KEYS.write("w1"));
            assertEquals("QUEUED", record.get("state"));
            assertTrue(record.containsKey("retriedAt"));
            assertFalse(record.containsKey("payload"));
            assertTrue(scoreOrNull(KEYS.ready(), m) != null);
        }

        @Test
        void aNewerReplaceWriteDropsTheFailedColumns() {
            String lease = acceptAndClaim("c-1", "w1", "tier", "gold");
            complete("c-1", lease, "FAILED", 0, "");
            run(
                    LuaScript.ACCEPT_WRITE,
                    acceptKeys("c-1", "w2", "-"),
                    acceptArgs("c-1", "w2", "replace", "", "region", "eu"));
            retry("w1");
            Map<String, String> pending = hash(KEYS.pending(member("c-1")));
            assertNull(pending.get("d:tier"));
            assertEquals("eu", pending.get("d:region"));
        }

        @Test
        void aRetriedWriteOfAContactInADialIsHeld() {
            String lease = acceptAndClaim("c-1", "w1");
            complete("c-1", lease, "FAILED", 0, "");
            dialActive("c-1", 60_000);
            assertEquals("HELD", retry("w1").toString());
        }
    }

    @Nested
    class Stats {

        @Test
        void countsWritesByStateAndTheOldestHeldAndChangesNothing() {
            complete("c-4", acceptAndClaim("c-4", "w4"), "FAILED", 0, "");
            acceptAndClaim("c-1", "w1");
            accept("c-2", "w2", "tier", "gold");
            dialActive("c-3", 60_000);
            long heldSince = redisNow();
            accept("c-3", "w3", "tier", "gold");
            pause(60_000);

            Map<String, String> before = dump();
            Response reply = stats();
            assertEquals(List.of("1", "1", "1", "1"), strings(reply).subList(0, 4), "queued, held, in flight, failed");
            assertTrue(reply.get(4).toLong() >= heldSince
                    && reply.get(4).toLong() <= reply.get(5).toLong());
            assertEquals(
                    redis.execute("GET", KEYS.pause()).toLong(), reply.get(6).toLong());
            assertEquals(before, dump(), "a stats read writes nothing");
        }
    }

    /**
     * Outcome callbacks (callbacks.lua, claim-callbacks.lua, complete-callback.lua, retry-callback.lua): queued by the
     * script that makes the outcome true, one event of a contact out at a time, retried under the same id, dead
     * letters replayed.
     */
    @Nested
    class Callbacks {

        private static final String ALL = ",dial.ended,dial.started,write.applied,write.failed,write.held,";
        private static final String TTL = "600000";
        private final String contact = "contact:with:colons";
        private final String m = member(contact);

        private void dialEvent(long eventTime, String phase, int rank, boolean active, String types, String window) {
            run(
                    LuaScript.APPLY_EVENT,
                    List.of(KEYS.dial(m), KEYS.conversation("conv-1")),
                    m,
                    Long.toString(eventTime),
                    phase,
                    Integer.toString(rank),
                    "conv-1",
                    "camp-1",
                    active ? "1" : "0",
                    window,
                    window,
                    "3600000",
                    "3600000",
                    "0",
                    active ? "" : "ININ-WRAPUP",
                    active ? "" : "disposition.classification.callable.machine",
                    active ? "" : "false",
                    types,
                    TTL);
        }

        private void dialEvent(long eventTime, String phase, int rank, boolean active, String types) {
            dialEvent(eventTime, phase, rank, active, types, "600000");
        }

        private record Claimed(String member, String id, String lease, Map<String, String> fields) {}

        private List<Claimed> claimCallbacks(int max, long leaseMillis) {
            Response reply = run(
                    LuaScript.CLAIM_CALLBACKS,
                    List.of(KEYS.callbacksReady(), KEYS.callbacksInFlight(), KEYS.callbacksQueued()),
                    Integer.toString(max),
                    Long.toString(leaseMillis),
                    "pod-a");
            List<Claimed> claims = new ArrayList<>();
            for (Response claim : reply.get(0)) {
                claims.add(new Claimed(
                        claim.get(0).toString(),
                        claim.get(1).toString(),
                        claim.get(2).toString(),
                        RedisReplies.hash(claim.get(3))));
            }
            return claims;
        }

        private String completeCallback(Claimed event, String outcome, long delay, long windowMillis) {
            return run(
                            LuaScript.COMPLETE_CALLBACK,
                            List.of(
                                    KEYS.callback(event.id()),
                                    KEYS.callbackQueue(event.member()),
                                    KEYS.callbacksReady(),
                                    KEYS.callbacksInFlight(),
                                    KEYS.callbackDeadLetters(),
                                    KEYS.callbacksQueued()),
                            event.member(),
                            event.id(),
                            event.lease(),
                            outcome,
                            Long.toString(delay),
                            "HTTP 503",
                            Long.toString(windowMillis),
                            "60000")
                    .toString();
        }

        private String replay(String id) {
            return run(
                            LuaScript.RETRY_CALLBACK,
                            List.of(
                                    KEYS.callback(id),
                                    KEYS.callbackDeadLetters(),
                                    KEYS.callbacksReady(),
                                    KEYS.callbacksInFlight(),
                                    KEYS.callbacksQueued()),
                            id,
                            TTL)
                    .toString();
        }

        private long queued() {
            Response count = redis.execute("GET", KEYS.callbacksQueued());
            return count == null ? 0 : count.toLong();
        }

        @Test
        void aDialStartAndEndQueueTheirEventsInOrderAndTheNextIsLeasedOnlyAfterTheFirstWasDelivered() {
            dialEvent(1000, "DIALING", 2, true, ALL);
            dialEvent(2000, "DONE", 5, false, ALL);
            assertEquals(2, queued());

            List<Claimed> first = claimCallbacks(10, 60000);
            assertEquals(1, first.size(), "one event of a contact at a time");
            assertEquals("dial.started", first.get(0).fields().get("type"));
            assertEquals(m, first.get(0).member());
            assertEquals("1", first.get(0).fields().get("att"));
            assertTrue(claimCallbacks(10, 60000).isEmpty(), "the next waits for the first");

            assertEquals("delivered", completeCallback(first.get(0), "DELIVERED", 0, 60000));
            assertEquals(
                    0L,
                    redis.execute("EXISTS", KEYS.callback(first.get(0).id())).toLong(),
                    "delivered: gone");
            Claimed second = claimCallbacks(10, 60000).get(0);
            assertEquals("dial.ended", second.fields().get("type"));
            String data = second.fields().get("data");
            assertTrue(
                    data.contains("\"endedBy\":\"post_contact\"")
                            && data.contains("\"wrapupCode\":\"ININ-WRAPUP\"")
                            && data.contains("\"isRightPartyContact\":false")
                            && data.contains("\"contactId\":\"contact:with:colons\""),
                    data);
            assertEquals("delivered", completeCallback(second, "DELIVERED", 0, 60000));
            assertEquals(0, queued());
            assertEquals(0L, redis.execute("EXISTS", KEYS.callbackQueue(m)).toLong());
        }

        @Test
        void aTenantWithoutTheSubscriptionQueuesNothing() {
            dialEvent(1000, "DIALING", 2, true, ",dial.ended,");
            dialEvent(2000, "DONE", 5, false, NO_CALLBACKS);
            assertEquals(0, queued());
            assertTrue(claimCallbacks(10, 60000).isEmpty());
        }

        @Test
        void aWriteAppliedOrFailedQueuesItsEventInTheStepThatRecordsIt() {
            String lease = acceptAndClaim("c-applied", "w-1");
            run(
                    LuaScript.COMPLETE,
                    List.of(
                            KEYS.inFlight(member("c-applied")),
                            KEYS.inFlightIds(member("c-applied")),
                            KEYS.dial(member("c-applied"))),
                    member("c-applied"),
                    lease,
                    "APPLIED",
                    "0",
                    "",
                    "604800000",
                    Long.toString(MAX_WRITE_AGE_MILLIS),
                    ALL,
                    TTL,
                    "");
            String failedLease = acceptAndClaim("c-failed", "w-2");
            run(
                    LuaScript.COMPLETE,
                    List.of(
                            KEYS.inFlight(member("c-failed")),
                            KEYS.inFlightIds(member("c-failed")),
                            KEYS.dial(member("c-failed"))),
                    member("c-failed"),
                    failedLease,
                    "FAILED",
                    "0",
                    "{\"call\":\"PUT\",\"status\":400}",
                    "604800000",
                    Long.toString(MAX_WRITE_AGE_MILLIS),
                    ALL,
                    TTL,
                    "");

            Map<String, String> byType = new TreeMap<>();
            claimCallbacks(10, 60000)
                    .forEach(c -> byType.put(c.fields().get("type"), c.fields().get("data")));
            assertTrue(
                    byType.get("write.applied").contains("\"writeId\":\"w-1\"")
                            && byType.get("write.applied").contains("\"columns\":{\"tier\":\"gold\"}"),
                    byType.toString());
            assertTrue(
                    byType.get("write.failed").contains("\"writeId\":\"w-2\"")
                            && byType.get("write.failed").contains("\"status\":400"),
                    byType.toString());
        }

        @Test
        void aFailedAttemptIsRetriedUnderTheSameIdAndAnExpiredLeaseIsTakenBack() throws InterruptedException {
            dialEvent(1000, "DIALING", 2, true, ALL);
            Claimed first = claimCallbacks(10, 60000).get(0);
            assertEquals("retry", completeCallback(first, "FAILED", 0, 60000));
            Claimed again = claimCallbacks(10, 50).get(0);
            assertEquals(first.id(), again.id());
            assertEquals("2", again.fields().get("att"));
            assertEquals("HTTP 503", again.fields().get("lastError"));

            Thread.sleep(80);
            Claimed reclaimed = claimCallbacks(10, 60000).get(0);
            assertEquals(first.id(), reclaimed.id(), "the dead sender's event is sent again under its id");
            assertEquals("lost", completeCallback(again, "DELIVERED", 0, 60000), "the old lease's outcome is dropped");
            assertEquals("deferred", completeCallback(reclaimed, "DEFER", 0, 60000));
            assertEquals(
                    "3", claimCallbacks(10, 60000).get(0).fields().get("att"), "a deferred attempt does not count");
        }

        @Test
        void pastItsWindowAnEventIsDeadLetteredTheNextGoesAheadAndAReplayQueuesItAgain() {
            dialEvent(1000, "DIALING", 2, true, ALL);
            dialEvent(2000, "DONE", 5, false, ALL);
            Claimed first = claimCallbacks(10, 60000).get(0);

            assertEquals("dead", completeCallback(first, "FAILED", 1000, 0));
            assertEquals(1L, redis.execute("ZCARD", KEYS.callbackDeadLetters()).toLong());
            assertEquals(1, queued());
            Claimed next = claimCallbacks(10, 60000).get(0);
            assertEquals("dial.ended", next.fields().get("type"), "the contact's next event is not stuck");

            assertEquals("QUEUED", replay(first.id()));
            assertEquals(0L, redis.execute("ZCARD", KEYS.callbackDeadLetters()).toLong());
            assertTrue(claimCallbacks(10, 60000).isEmpty(), "queued behind the event in flight");
            assertEquals("delivered", completeCallback(next, "DELIVERED", 0, 60000));
            Claimed replayed = claimCallbacks(10, 60000).get(0);
            assertEquals(first.id(), replayed.id());
            assertEquals("1", replayed.fields().get("att"));
            assertNull(replayed.fields().get("dead"));

            assertEquals("NOT_DEAD", replay(first.id()));
            assertEquals("NOT_FOUND", replay("msg_none"));
        }

        @Test
        void aDialWhoseWindowRunsOutWithHeldWritesEndsInClaimWithItsDialEndedEvent() throws InterruptedException {
            accept(contact, "w-held", "tier", "gold");
            dialEvent(1000, "DIALING", 2, true, ALL, "150");
            Thread.sleep(200);
            run(
                    LuaScript.CLAIM,
                    List.of(KEYS.ready(), KEYS.held(), KEYS.inFlightSet()),
                    "0",
                    "60000",
                    "pod-a",
                    ALL,
                    TTL);

            List<String> types = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                for (Claimed claimed : claimCallbacks(10, 60000)) {
                    types.add(claimed.fields().get("type"));
                    if (claimed.fields().get("type").equals("dial.ended")) {
                        assertTrue(claimed.fields().get("data").contains("\"endedBy\":\"active_dial_ttl\""));
                    }
                    completeCallback(claimed, "DELIVERED", 0, 60000);
                }
            }
            assertEquals(List.of("dial.started", "write.held", "dial.ended"), types);
        }
    }

    @Nested
    class NotificationsLeaseAndReconcile {

        private Response lease(String pod, String mode) {
            return run(LuaScript.NOTIFICATIONS_LEASE, List.of(KEYS.notificationsLease()), pod, "60000", mode);
        }

        private Response reconcile(String contact, String read) {
            String m = member(contact);
            return run(
                    LuaScript.RECONCILE_DIAL,
                    List.of(KEYS.dial(m), KEYS.campaignDials("camp-1")),
                    m,
                    read,
                    "camp-1",
                    "0",
                    "600000",
                    "3600000");
        }

        @Test
        void theLeaseHasOneHolderUntilItIsGivenBack() {
            assertEquals(1L, lease("pod-a", "hold").get(0).toLong());
            assertEquals("pod-a", lease("pod-b", "hold").get(1).toString());
            lease("pod-a", "release");
            assertEquals(1L, lease("pod-b", "hold").get(0).toLong());
        }

        @Test
        void anEventKeepsTheCampaignIndexAndReconciliationEndsADialAbsentTwiceReleasingItsWrites() {
            event("c-1", 1_000, "DIALING", 2, "conv-1", true);
            assertEquals(
                    List.of(member("c-1")), strings(redis.execute("ZRANGE", KEYS.campaignDials("camp-1"), "0", "-1")));
            accept("c-1", "w1", "tier", "gold");
            assertEquals("HELD", writeState("w1"));

            assertEquals("kept", reconcile("c-1", "absent").get(0).toString());
            Response ended = reconcile("c-1", "absent");

            assertEquals(List.of("ended", "1"), strings(ended));
            assertEquals("reconcile", hash(KEYS.dial(member("c-1"))).get("endedBy"));
            assertEquals("QUEUED", writeState("w1"));
            Response counts = stats();
            assertEquals(1L, counts.get(0).toLong(), "stats: the released write is queued");
            assertEquals(0L, counts.get(1).toLong(), "stats: nothing is held");
            assertEquals(
                    0L, redis.execute("ZCARD", KEYS.campaignDials("camp-1")).toLong());
            assertEquals("1", hash(KEYS.conversation("conv-1")).get("ended"), "a late start cannot reopen it");
        }

        @Test
        void aContactInAnInteractionThatDialgateThinksIdleStartsADialThatHoldsItsWrites() {
            assertEquals("started", reconcile("c-2", "present").get(0).toString());
            accept("c-2", "w2", "tier", "gold");
            assertEquals("HELD", writeState("w2"));
        }
    }

    @Nested
    class HoldCheck {

        @Test
        void namesTheContactsNowInADialOrNoLongerLeasedToTheCallerAndChangesNothing() {
            String first = acceptAndClaim("c-1", "w1");
            String second = acceptAndClaim("c-2", "w2");
            acceptAndClaim("c-3", "w3");
            dialActive("c-2", 60_000);

            Map<String, String> before = dump();
            Response reply = run(
                    LuaScript.HOLD_CHECK,
                    List.of(KEYS.inFlightSet()),
                    member("c-1"),
                    first,
                    member("c-2"),
                    second,
                    member("c-3"),
                    "pod-b:1:" + member("c-3"),
                    member("c-4"),
                    "pod-a:1:" + member("c-4"));
            assertEquals(3, reply.size());
            assertEquals(List.of(member("c-2"), "dial"), strings(reply.get(0)));
            assertEquals(List.of(member("c-3"), "lease"), strings(reply.get(1)), "another lease");
            assertEquals(List.of(member("c-4"), "lease"), strings(reply.get(2)), "not in flight at all");
            assertEquals(before, dump(), "a hold check writes nothing");
        }
    }

    // --- calls, each with the KEYS and ARGV its script declares

    private static Response run(LuaScript script, List<String> keys, String... args) {
        ScriptHeader header = header(script);
        assertEquals(header.keyPatterns().size(), keys.size(), script + ": KEYS as declared");
        for (int i = 0; i < keys.size(); i++) {
            assertTrue(
                    header.keyMatches(i, KEYS.prefix(), keys.get(i)),
                    script + ": KEYS[" + (i + 1) + "] " + keys.get(i) + " is "
                            + header.keyPatterns().get(i));
        }
        int declared = header.argNames().size() - 2;
        if (header.variadicTail()) {
            assertTrue(args.length >= declared - 1, script + ": ARGV as declared");
        } else {
            assertEquals(declared, args.length, script + ": ARGV as declared");
        }
        Response reply = scripts.run(script, KEYS, keys, Arrays.asList(args));
        for (String key : strings(redis.execute("KEYS", "*"))) {
            assertTrue(key.startsWith(KEYS.prefix()), script + " left " + key + " outside the tenant's hash tag");
        }
        return reply;
    }

    private static Response stats() {
        return run(LuaScript.STATS, List.of(KEYS.counts(), KEYS.heldSince(), KEYS.deadLetters()));
    }

    /** A write's state as WriteStore reads it: a pending write (QUEUED or HELD in its record) is in its contact's. */
    private static String writeState(String writeId) {
        Map<String, String> record = hash(KEYS.write(writeId));
        String state = record.get("state");
        if (!"QUEUED".equals(state) && !"HELD".equals(state)) {
            return state;
        }
        Response contact = redis.execute(
                "HGET", KEYS.pending(TenantKeys.member(record.get("contactListId"), record.get("contactId"))), "st");
        return contact == null ? state : contact.toString();
    }

    private static Response accept(String contact, String writeId, String... columns) {
        return run(
                LuaScript.ACCEPT_WRITE,
                acceptKeys(contact, writeId, "-"),
                acceptArgs(contact, writeId, "merge", "", columns));
    }

    private static List<String> acceptKeys(String contact, String writeId, String idempotencyKey) {
        String m = member(contact);
        return List.of(KEYS.pending(m), KEYS.pendingIds(m), KEYS.write(writeId), KEYS.idempotency(idempotencyKey));
    }

    private static String[] acceptArgs(
            String contact, String writeId, String mode, String fingerprint, String... columns) {
        List<String> args = new ArrayList<>(List.of(
                member(contact),
                writeId,
                LIST,
                contact,
                Long.toString(RETENTION_SECONDS),
                "",
                mode,
                fingerprint,
                "86400",
                "1000",
                "1000000",
                "",
                Integer.toString(columns.length / 2)));
        args.addAll(List.of(columns));
        return args.toArray(String[]::new);
    }

    private static Response event(
            String contact, long eventTime, String phase, int rank, String conversation, boolean active) {
        String m = member(contact);
        return run(
                LuaScript.APPLY_EVENT,
                List.of(KEYS.dial(m), KEYS.conversation(conversation)),
                m,
                Long.toString(eventTime),
                phase,
                Integer.toString(rank),
                conversation,
                "camp-1",
                active ? "1" : "0",
                "600000",
                "30000",
                "3600000",
                "3600000",
                "1",
                "",
                "",
                "",
                NO_CALLBACKS,
                "0");
    }

    private static Response park(String conversation, long eventTime, String phase, int rank) {
        return run(
                LuaScript.PARK_EVENT,
                List.of(KEYS.conversation(conversation)),
                Long.toString(eventTime),
                phase,
                Integer.toString(rank),
                "3600000");
    }

    private static Response claim(int max, long leaseMillis) {
        return run(
                LuaScript.CLAIM,
                List.of(KEYS.ready(), KEYS.held(), KEYS.inFlightSet()),
                Integer.toString(max),
                Long.toString(leaseMillis),
                "pod-a",
                NO_CALLBACKS,
                "0");
    }

    /** Claims the contact; returns its lease. */
    private static String claimLease(String contact) {
        for (Response claimed : claim(10, 30_000).get(0)) {
            if (claimed.get(0).toString().equals(member(contact))) {
                return claimed.get(1).toString();
            }
        }
        throw new AssertionError(contact + " was not claimed");
    }

    /** Accepts one write and claims it; returns the lease. */
    private static String acceptAndClaim(String contact, String writeId, String... columns) {
        accept(contact, writeId, columns.length == 0 ? new String[] {"tier", "gold"} : columns);
        Response reply = claim(10, 30_000);
        for (Response claimed : reply.get(0)) {
            if (claimed.get(0).toString().equals(member(contact))) {
                return claimed.get(1).toString();
            }
        }
        throw new AssertionError(contact + " was not claimed");
    }

    private static Response complete(String contact, String lease, String outcome, long delayMillis, String error) {
        return complete(contact, lease, outcome, delayMillis, error, "");
    }

    private static Response complete(
            String contact, String lease, String outcome, long delayMillis, String error, String split) {
        String m = member(contact);
        return run(
                LuaScript.COMPLETE,
                List.of(KEYS.inFlight(m), KEYS.inFlightIds(m), KEYS.dial(m)),
                m,
                lease,
                outcome,
                Long.toString(delayMillis),
                error,
                "604800000",
                Long.toString(MAX_WRITE_AGE_MILLIS),
                NO_CALLBACKS,
                "0",
                split);
    }

    private static Response ownFields(String contact, String lease) {
        String m = member(contact);
        return run(LuaScript.OWN_FIELDS, List.of(KEYS.inFlight(m), KEYS.inFlightIds(m)), lease);
    }

    /** renew-lease.lua for the pairs (contact, lease) given. */
    private static Response renew(long leaseMillis, String... contactsAndLeases) {
        List<String> args = new ArrayList<>();
        args.add(Long.toString(leaseMillis));
        for (int i = 0; i < contactsAndLeases.length; i += 2) {
            args.add(member(contactsAndLeases[i]));
            args.add(contactsAndLeases[i + 1]);
        }
        return run(LuaScript.RENEW_LEASE, List.of(KEYS.inFlightSet()), args.toArray(String[]::new));
    }

    private static Response budget(long intervalMillis, int burst, long maxWaitMillis) {
        return budget(intervalMillis, burst, maxWaitMillis, true);
    }

    private static Response budget(long intervalMillis, int burst, long maxWaitMillis, boolean heedPause) {
        return run(
                LuaScript.RATE_BUDGET,
                List.of(KEYS.budget(), KEYS.pause()),
                Long.toString(intervalMillis),
                Integer.toString(burst),
                Long.toString(maxWaitMillis),
                heedPause ? "1" : "0");
    }

    private static Response pause(long lengthMillis) {
        return run(LuaScript.PAUSE_TENANT, List.of(KEYS.pause()), Long.toString(lengthMillis));
    }

    private static Response retry(String writeId) {
        return run(
                LuaScript.RETRY_DEAD_LETTER,
                List.of(KEYS.write(writeId), KEYS.deadLetters()),
                writeId,
                Long.toString(RETENTION_SECONDS * 1000));
    }

    // --- prepared data and inspection

    /** Marks the contact in an active dial for the given time; returns when the window ends (Redis ms). */
    private static long dialActive(String contact, long windowMillis) {
        long until = redisNow() + windowMillis;
        redis.execute(
                "HSET",
                KEYS.dial(member(contact)),
                "active",
                "1",
                "activeUntil",
                Long.toString(until),
                "window",
                "active_dial_ttl",
                "phase",
                "DIALING");
        return until;
    }

    private static String member(String contact) {
        return TenantKeys.member(LIST, contact);
    }

    /** Waits until Redis's clock has passed the millisecond a lease ({@code <owner>:<ms>:<member>}) was claimed in. */
    private static void awaitRedisClockPast(String lease) {
        String[] parts = lease.split(":");
        long claimedAt = Long.parseLong(parts[parts.length - 3]);
        while (redisNow() <= claimedAt) {
            Thread.onSpinWait();
        }
    }

    private static long redisNow() {
        Response time = redis.execute("TIME");
        return time.get(0).toLong() * 1000 + time.get(1).toLong() / 1000;
    }

    private static Map<String, String> hash(String key) {
        return RedisReplies.hash(redis.execute("HGETALL", key));
    }

    private static List<String> list(String key) {
        return strings(redis.execute("LRANGE", key, "0", "-1"));
    }

    private static long score(String key, String member) {
        Double score = scoreOrNull(key, member);
        assertTrue(score != null, member + " in " + key);
        return score.longValue();
    }

    private static Double scoreOrNull(String key, String member) {
        Response score = redis.execute("ZSCORE", key, member);
        return score == null ? null : Double.valueOf(score.toString());
    }

    /** Every key with its type, value and whether it expires: enough to see that a call changed nothing. */
    private static Map<String, String> dump() {
        Map<String, String> all = new TreeMap<>();
        for (String key : strings(redis.execute("KEYS", "*"))) {
            String type = redis.execute("TYPE", key).toString();
            Response value = switch (type) {
                case "hash" -> redis.execute("HGETALL", key);
                case "list" -> redis.execute("LRANGE", key, "0", "-1");
                case "zset" -> redis.execute("ZRANGE", key, "0", "-1", "WITHSCORES");
                default -> redis.execute("GET", key);
            };
            String rendered =
                    type.equals("hash") ? new TreeMap<>(RedisReplies.hash(value)).toString() : String.valueOf(value);
            all.put(
                    key,
                    type + " " + rendered + " expires="
                            + (redis.execute("PTTL", key).toLong() >= 0));
        }
        return all;
    }

    private static List<String> strings(Response array) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(String.valueOf(item)));
        return values;
    }

    private static ScriptHeader header(LuaScript script) {
        return ScriptHeader.parse(resource(script.resource()));
    }

    private static String resource(String name) {
        try (InputStream in = ScriptContractTest.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
