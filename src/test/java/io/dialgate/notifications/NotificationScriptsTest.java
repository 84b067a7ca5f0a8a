package io.dialgate.notifications;

import io.dialgate.redis.LuaScript;
import io.dialgate.redis.RedisReplies;
import io.dialgate.redis.RedisScripts;
import io.dialgate.redis.TenantKeys;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** notifications-lease.lua and reconcile-dial.lua, run directly against the real Redis of the test suite. */
@QuarkusTest
class NotificationScriptsTest {

    @Inject
    RedisScripts redis;

    private final TenantKeys keys =
            new TenantKeys("scripts-" + UUID.randomUUID().toString().substring(0, 8));

    private Response lease(String pod, long ms, String mode) {
        return redis.run(
                LuaScript.NOTIFICATIONS_LEASE,
                keys,
                List.of(keys.notificationsLease()),
                List.of(pod, Long.toString(ms), mode));
    }

    @Test
    void oneHolderAtATimeRenewedByItselfFreeAfterExpiryOrRelease() throws Exception {
        Response first = lease("pod-a", 400, "hold");
        assertEquals(1, first.get(0).toInteger());
        assertEquals(1L, first.get(2).toLong(), "first holder: epoch 1");

        Response other = lease("pod-b", 400, "hold");
        assertEquals(0, other.get(0).toInteger(), "a live lease is not taken");
        assertEquals("pod-a", other.get(1).toString());

        assertEquals(1, lease("pod-a", 400, "hold").get(0).toInteger(), "the holder renews");
        Thread.sleep(500);
        Response takeover = lease("pod-b", 400, "hold");
        assertEquals(1, takeover.get(0).toInteger(), "an expired lease goes to the next pod");

        lease("pod-a", 400, "release");
        assertEquals(0, lease("pod-a", 400, "hold").get(0).toInteger(), "only the holder can release");
        lease("pod-b", 400, "release");
        Response after = lease("pod-a", 400, "hold");
        assertEquals(1, after.get(0).toInteger(), "a released lease is free at once");
        assertEquals(takeover.get(2).toLong() + 1, after.get(2).toLong(), "the epoch survives a release");
    }

    private Response reconcile(String member, String what, long quietMs) {
        return redis.run(
                LuaScript.RECONCILE_DIAL,
                keys,
                List.of(keys.dial(member), keys.campaignDials("c1")),
                List.of(member, what, "c1", Long.toString(quietMs), "1800000", "3600000"));
    }

    private Map<String, String> dial(String member) {
        return RedisReplies.hash(redis.command("HGETALL", keys.dial(member)));
    }

    @Test
    void aContactInAnInteractionStartsADialAndTwoAbsentReadsAfterTheQuietPeriodEndIt() throws Exception {
        String member = "list:contact";
        assertEquals("started", reconcile(member, "present", 100).get(0).toString());
        assertEquals("1", dial(member).get("active"));
        assertEquals(1L, redis.command("ZCARD", keys.campaignDials("c1")).toLong());
        assertEquals("kept", reconcile(member, "present", 100).get(0).toString(), "already active");

        Thread.sleep(150);
        assertEquals("kept", reconcile(member, "absent", 100).get(0).toString(), "one absent read is not enough");
        assertEquals("kept", reconcile(member, "present", 100).get(0).toString());
        assertEquals("kept", reconcile(member, "absent", 100).get(0).toString(), "present in between: count again");
        Response ended = reconcile(member, "absent", 100);

        assertEquals("ended", ended.get(0).toString());
        assertEquals("reconcile", dial(member).get("endedBy"));
        assertEquals("0", dial(member).get("active"));
        assertEquals(0L, redis.command("ZCARD", keys.campaignDials("c1")).toLong());
        // a quiet period a slow machine cannot outlast between two calls: the dial ended just now
        assertEquals(
                "kept",
                reconcile(member, "present", 60_000).get(0).toString(),
                "a dial that ended within the quiet period is not restarted by a lagging list");
    }

    @Test
    void anEventWithinTheQuietPeriodKeepsTheDial() {
        String member = "list:busy";
        reconcile(member, "present", 60_000);
        reconcile(member, "absent", 60_000);
        assertEquals("kept", reconcile(member, "absent", 60_000).get(0).toString());
        assertEquals(
                "ended", reconcile(member, "campaign_over", 60_000).get(0).toString(), "campaign_over ends at once");
    }

    @Test
    void anInactiveDialInTheIndexIsDropped() {
        redis.command("ZADD", keys.campaignDials("c1"), "1", "list:gone");
        assertEquals("dropped", reconcile("list:gone", "absent", 100).get(0).toString());
        assertEquals(0L, redis.command("ZCARD", keys.campaignDials("c1")).toLong());
    }

    private void accept(String member, String writeId) {
        redis.run(
                LuaScript.ACCEPT_WRITE,
                keys,
                List.of(keys.pending(member), keys.pendingIds(member), keys.write(writeId), keys.idempotency("-")),
                List.of(
                        member, writeId, "list", "contact", "3600", "", "merge", "", "86400", "1000", "1000000", "",
                        "1", "tier", "gold"));
    }

    private Map<String, String> counts() {
        return RedisReplies.hash(redis.command("HGETALL", keys.counts()));
    }

    /** The write counts that stats and the pending caps read follow a dial that reconciliation starts and ends. */
    @Test
    void theWriteCountsFollowADialThatReconciliationStartsAndEnds() {
        String member = "list:counted";
        accept(member, "w-counted");
        assertEquals("1", counts().get("QUEUED"));

        assertEquals("started", reconcile(member, "present", 0).get(0).toString());
        assertEquals("0", counts().get("QUEUED"));
        assertEquals("1", counts().get("HELD"));
        assertEquals(1L, redis.command("ZCARD", keys.heldSince()).toLong(), "the oldest held write is known");

        reconcile(member, "absent", 0);
        assertEquals("ended", reconcile(member, "absent", 0).get(0).toString());
        assertEquals("1", counts().get("QUEUED"));
        assertEquals("0", counts().get("HELD"));
        assertEquals(0L, redis.command("ZCARD", keys.heldSince()).toLong(), "nothing is held any more");
    }

    @Test
    void endingADialReleasesItsHeldWrites() throws Exception {
        DialgateClient hooli = TestTenants.client(TestTenants.HOOLI);
        TenantKeys hooliKeys = new TenantKeys(TestTenants.HOOLI);
        String list = TestTenants.newListId();
        String contact = TestTenants.newContactId();
        String campaign = "campaign-" + UUID.randomUUID();
        hooli.events(GenesysEvents.preContact(
                                list, contact, UUID.randomUUID().toString(), System.currentTimeMillis() - 60_000)
                        .toString()
                        .replace(GenesysEvents.CAMPAIGN_ID, campaign))
                .then()
                .statusCode(202);
        String index = hooliKeys.campaignDials(campaign);
        String member = TenantKeys.member(list, contact);
        assertEquals(1L, redis.command("ZCARD", index).toLong(), "apply-event.lua keeps the campaign index");
        String writeId = hooli.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        assertEquals("HELD", hooli.state(writeId));

        for (int read = 0; read < 2; read++) {
            Response reply = redis.run(
                    LuaScript.RECONCILE_DIAL,
                    hooliKeys,
                    List.of(hooliKeys.dial(member), index),
                    List.of(member, "absent", campaign, "0", "1800000", "3600000"));
            if (read == 1) {
                assertEquals("ended", reply.get(0).toString());
                assertEquals(1, reply.get(1).toInteger(), "released");
            }
        }
        hooli.dialState(list, contact).then().body("endedBy", org.hamcrest.Matchers.equalTo("reconcile"));
        org.hamcrest.MatcherAssert.assertThat(hooli.state(writeId), org.hamcrest.Matchers.not("HELD"));
    }
}
