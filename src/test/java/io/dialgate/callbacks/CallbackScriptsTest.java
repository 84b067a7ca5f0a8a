package io.dialgate.callbacks;

import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisReplies;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The callback scripts run directly against the real Redis: callbacks.lua's queueing (through apply-event.lua, which
 * queues dial.started and dial.ended in the step that applies the event), claim-callbacks.lua, complete-callback.lua
 * and retry-callback.lua. A tenant of its own per test keeps the keys apart.
 */
@QuarkusTest
class CallbackScriptsTest {

    private static final String ALL = ",dial.ended,dial.started,write.applied,write.failed,write.held,";
    private static final String TTL = "600000";

    @Inject
    RedisScripts redis;

    private final TenantKeys keys = new TenantKeys("lua-" + UUID.randomUUID().toString().substring(0, 8));
    private final String member = "list-1:contact:with:colons";

    private void applyEvent(long eventTime, String phase, int rank, boolean active, String types) {
        applyEvent(eventTime, phase, rank, active, types, "60000");
    }

    private void applyEvent(long eventTime, String phase, int rank, boolean active, String types, String ttl) {
        redis.run(LuaScript.APPLY_EVENT, keys, List.of(keys.dial(member), keys.conversation("conv-1")),
                List.of(member, Long.toString(eventTime), phase, Integer.toString(rank), "conv-1", "camp-1",
                        active ? "1" : "0", ttl, ttl, "60000", "120000", active ? "" : "ININ-WRAPUP",
                        active ? "" : "disposition.classification.callable.machine", active ? "" : "false", types, TTL));
    }

    private record Claimed(String member, String id, String lease, Map<String, String> fields) {
    }

    private List<Claimed> claim(int max, long leaseMillis) {
        Response reply = redis.run(LuaScript.CLAIM_CALLBACKS, keys,
                List.of(keys.callbacksReady(), keys.callbacksInFlight(), keys.callbacksQueued()),
                List.of(Integer.toString(max), Long.toString(leaseMillis), "test-owner"));
        List<Claimed> claims = new ArrayList<>();
        for (Response claim : reply.get(0)) {
            claims.add(new Claimed(claim.get(0).toString(), claim.get(1).toString(), claim.get(2).toString(),
                    RedisReplies.hash(claim.get(3))));
        }
        return claims;
    }

    private String complete(Claimed event, String outcome, long delay, long windowMillis) {
        return redis.run(LuaScript.COMPLETE_CALLBACK, keys,
                List.of(keys.callback(event.id()), keys.callbackQueue(event.member()), keys.callbacksReady(),
                        keys.callbacksInFlight(), keys.callbackDeadLetters(), keys.callbacksQueued()),
                List.of(event.member(), event.id(), event.lease(), outcome, Long.toString(delay), "HTTP 503",
                        Long.toString(windowMillis), "60000")).toString();
    }

    private long queued() {
        Response count = redis.command("GET", keys.callbacksQueued());
        return count == null ? 0 : count.toLong();
    }

    @Test
    void aDialStartAndEndQueueTheirEventsInOrderAndTheContactsNextIsLeasedOnlyAfterTheFirstWasDelivered() {
        applyEvent(1000, "DIALING", 2, true, ALL);
        applyEvent(2000, "DONE", 5, false, ALL);
        assertEquals(2, queued());

        List<Claimed> first = claim(10, 60000);
        assertEquals(1, first.size(), "one event of a contact at a time");
        assertEquals("dial.started", first.get(0).fields().get("type"));
        assertEquals(member, first.get(0).member());
        assertEquals("1", first.get(0).fields().get("att"));
        assertTrue(claim(10, 60000).isEmpty(), "the next waits for the first");

        assertEquals("delivered", complete(first.get(0), "DELIVERED", 0, 60000));
        assertEquals(0L, redis.command("EXISTS", keys.callback(first.get(0).id())).toLong(), "delivered: gone");
        List<Claimed> second = claim(10, 60000);
        assertEquals("dial.ended", second.get(0).fields().get("type"));
        String data = second.get(0).fields().get("data");
        assertTrue(data.contains("\"endedBy\":\"post_contact\"") && data.contains("\"wrapupCode\":\"ININ-WRAPUP\"")
                && data.contains("\"isRightPartyContact\":false") && data.contains("\"contactId\":\"contact:with:colons\""),
                data);
        assertEquals("delivered", complete(second.get(0), "DELIVERED", 0, 60000));
        assertEquals(0, queued());
        assertEquals(0L, redis.command("EXISTS", keys.callbackQueue(member)).toLong());
    }

    @Test
    void aDialWhoseWindowRunsOutWithHeldWritesEndsInClaimWithItsDialEndedEvent() throws InterruptedException {
        String write = "w-" + UUID.randomUUID();
        redis.run(LuaScript.ACCEPT_WRITE, keys, List.of(keys.pending(member), keys.pendingIds(member),
                keys.write(write), keys.idempotency("none")), List.of(member, write, "list-1", "contact:with:colons",
                "600", "", "merge", "", "60", "1", "tier", "gold"));
        applyEvent(1000, "DIALING", 2, true, ALL, "150");
        Thread.sleep(200);
        redis.run(LuaScript.CLAIM, keys, List.of(keys.ready(), keys.held(), keys.inFlightSet()),
                List.of("0", "60000", "test-owner", ALL, TTL));

        List<String> types = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            List<Claimed> claimed = claim(10, 60000);
            if (!claimed.isEmpty()) {
                types.add(claimed.get(0).fields().get("type"));
                if (claimed.get(0).fields().get("type").equals("dial.ended")) {
                    assertTrue(claimed.get(0).fields().get("data").contains("\"endedBy\":\"active_dial_ttl\""));
                }
                complete(claimed.get(0), "DELIVERED", 0, 60000);
            }
        }
        assertEquals(List.of("dial.started", "write.held", "dial.ended"), types);
    }

    @Test
    void aTenantWithoutTheSubscriptionQueuesNothing() {
        applyEvent(1000, "DIALING", 2, true, ",dial.ended,");
        applyEvent(2000, "DONE", 5, false, "");
        assertEquals(0, queued());
        assertTrue(claim(10, 60000).isEmpty());
    }

    @Test
    void aFailedAttemptIsRetriedUnderTheSameIdAndAnExpiredLeaseIsTakenBack() throws InterruptedException {
        applyEvent(1000, "DIALING", 2, true, ALL);
        Claimed first = claim(10, 60000).get(0);
        assertEquals("retry", complete(first, "FAILED", 0, 60000));
        Claimed again = claim(10, 50).get(0);
        assertEquals(first.id(), again.id());
        assertEquals("2", again.fields().get("att"));
        assertEquals("HTTP 503", again.fields().get("lastError"));

        Thread.sleep(80);
        Claimed reclaimed = claim(10, 60000).get(0);
        assertEquals(first.id(), reclaimed.id(), "the dead sender's event is sent again under its id");
        assertEquals("lost", complete(again, "DELIVERED", 0, 60000), "the old lease's outcome is dropped");
        assertEquals("deferred", complete(reclaimed, "DEFER", 0, 60000));
        assertEquals("3", claim(10, 60000).get(0).fields().get("att"), "a deferred attempt does not count");
    }

    @Test
    void pastItsWindowAnEventIsDeadLetteredTheNextGoesAheadAndAReplayQueuesItAgain() {
        applyEvent(1000, "DIALING", 2, true, ALL);
        applyEvent(2000, "DONE", 5, false, ALL);
        Claimed first = claim(10, 60000).get(0);

        assertEquals("dead", complete(first, "FAILED", 1000, 0));
        assertEquals(1L, redis.command("ZCARD", keys.callbackDeadLetters()).toLong());
        assertEquals(1, queued());
        Claimed next = claim(10, 60000).get(0);
        assertEquals("dial.ended", next.fields().get("type"), "the contact's next event is not stuck");

        assertEquals("QUEUED", redis.run(LuaScript.RETRY_CALLBACK, keys, List.of(keys.callback(first.id()),
                keys.callbackDeadLetters(), keys.callbacksReady(), keys.callbacksInFlight(), keys.callbacksQueued()),
                List.of(first.id(), TTL)).toString());
        assertEquals(0L, redis.command("ZCARD", keys.callbackDeadLetters()).toLong());
        assertTrue(claim(10, 60000).isEmpty(), "queued behind the event in flight");
        assertEquals("delivered", complete(next, "DELIVERED", 0, 60000));
        Claimed replayed = claim(10, 60000).get(0);
        assertEquals(first.id(), replayed.id());
        assertEquals("1", replayed.fields().get("att"));
        assertNull(replayed.fields().get("dead"));

        assertEquals("NOT_DEAD", redis.run(LuaScript.RETRY_CALLBACK, keys, List.of(keys.callback(first.id()),
                keys.callbackDeadLetters(), keys.callbacksReady(), keys.callbacksInFlight(), keys.callbacksQueued()),
                List.of(first.id(), TTL)).toString());
        assertEquals("NOT_FOUND", redis.run(LuaScript.RETRY_CALLBACK, keys, List.of(keys.callback("msg_none"),
                keys.callbackDeadLetters(), keys.callbacksReady(), keys.callbacksInFlight(), keys.callbacksQueued()),
                List.of("msg_none", TTL)).toString());
        assertFalse(redis.command("EXISTS", keys.callback(first.id())).toLong() == 0);
    }
}
