package io.dialgate.notifications;

import io.dialgate.simulator.Dial;
import io.dialgate.simulator.EventDelivery;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.simulator.SimulatedNotifications;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.ManagementInterface;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenant hooli takes its events from its own notification channel on the simulator's WebSocket, and reconciles the
 * simulator's campaign every 2 s (test profile: silence 3 s, channels renewed 2 s before expiry, quiet period 1 s).
 */
@QuarkusTest
class NotificationSocketTest {

    private static final Duration RECONCILE_INTERVAL = Duration.ofSeconds(2);
    private static final Duration QUIET = Duration.ofSeconds(1);

    @InjectSimulator
    GenesysSimulator genesys;

    private final DialgateClient hooli = TestTenants.client(TestTenants.HOOLI);
    private final String list = TestTenants.newListId();

    @BeforeEach
    void campaignOnAFreshList() {
        genesys.reset();
        genesys.campaigns()
                .define(genesys.dialer().campaignId(), list, genesys.dialer().queueId());
        genesys.dialer().setDelivery(EventDelivery.WEBSOCKET);
        awaitOneSubscribedSocket();
    }

    /** The simulator is shared by every test class: the next one expects its dial events over HTTP again. */
    @AfterEach
    void back() {
        genesys.notifications().channelTtl(Duration.ofHours(24));
        genesys.notifications().silence(false);
        genesys.dialer().dropShare(0);
        genesys.dialer().setDelivery(EventDelivery.HTTP);
    }

    private SimulatedNotifications notifications() {
        return genesys.notifications();
    }

    private String awaitOneSubscribedSocket() {
        await().atMost(Duration.ofSeconds(20))
                .until(() -> notifications().connectedChannels().size() == 1
                        && notifications()
                                .topics(notifications().connectedChannels().get(0))
                                .contains("v2.outbound.voice.campaigns.contact.preContact"));
        return notifications().connectedChannels().get(0);
    }

    private String contact() {
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("phone", "+13175550100", "tier", "silver"));
        return contact;
    }

    private boolean active(String contact) {
        return hooli.dialState(list, contact).then().statusCode(200).extract().path("active");
    }

    private List<RecordedPut> putsDuringADial() {
        return genesys.requestLog().puts().stream()
                .filter(p -> p.status() == 409)
                .toList();
    }

    @Test
    void eventsOverTheSocketHoldAndReleaseWrites() {
        String contact = contact();
        Dial dial = genesys.dialer().begin(list, contact);
        assertEquals(200, dial.preContactStatus(), "the preContact went out on dialgate's socket");
        await().atMost(Duration.ofSeconds(10)).until(() -> active(contact));

        String writeId = hooli.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        assertEquals("HELD", hooli.state(writeId));
        dial.postContact();

        hooli.awaitState(writeId, "APPLIED");
        assertEquals(
                "gold",
                genesys.contacts().get(list, contact).orElseThrow().data().get("tier"));
        assertEquals(List.of(), putsDuringADial());
        hooli.dialState(list, contact).then().body("endedBy", equalTo("post_contact"));
    }

    @Test
    void theChannelSubscribesTheCampaignAndItsQueueAndReportsARejectedTopic() {
        String channel = notifications().connectedChannels().get(0);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> notifications()
                        .topics(channel)
                        .containsAll(List.of(
                                "v2.outbound.campaigns." + genesys.dialer().campaignId(),
                                "v2.routing.queues." + genesys.dialer().queueId() + ".conversations.calls")));
        String details = "checks.find { it.name == 'dialgate notifications' }.data.";
        ManagementInterface.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body(details + "leads", equalTo("hooli"))
                .body(
                        details + "hooli",
                        org.hamcrest.Matchers.containsString("rejected topics: {v2.dialgate.tests.unknown-topic="));
        String metrics = ManagementInterface.metrics();
        assertTrue(metrics.contains("dialgate_notifications_socket_connected{tenant=\"hooli\"} 1.0"), metrics);
        assertTrue(metrics.contains("dialgate_notifications_leader{tenant=\"hooli\"} 1.0"));
    }

    /** Dials that run while channels are switched, each sent once: none may be lost. */
    private List<String> dialThroughout(Duration span) {
        List<String> contacts = new ArrayList<>();
        Instant end = Instant.now().plus(span);
        while (Instant.now().isBefore(end)) {
            String contact = contact();
            contacts.add(contact);
            Dial dial = genesys.dialer().begin(list, contact);
            sleep(100);
            dial.postContact();
            sleep(100);
        }
        return contacts;
    }

    private void assertNoEventLost(List<String> contacts) {
        List<SimulatedNotifications.PublishedEvent> unheard = notifications().published().stream()
                .filter(e -> e.topicName().startsWith("v2.outbound.voice") && e.sockets() == 0)
                .toList();
        assertEquals(List.of(), unheard, "every dial event went out on an open, subscribed socket");
        for (String contact : contacts) {
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> hooli.dialState(list, contact)
                            .then()
                            .body("phase", equalTo("DONE"))
                            .body("endedBy", equalTo("post_contact")));
        }
    }

    @Test
    void socketClosingSwitchesChannelsMakeBeforeBreakWithoutLosingAnEvent() {
        String old = notifications().connectedChannels().get(0);
        notifications().closingGrace(Duration.ofMillis(1500));
        CompletableFuture<List<String>> dials =
                CompletableFuture.supplyAsync(() -> dialThroughout(Duration.ofSeconds(3)));
        sleep(500);

        notifications().socketClosing(old);

        List<String> contacts = dials.join();
        String fresh = awaitOneSubscribedSocket();
        assertTrue(!fresh.equals(old), "a new channel replaced the closing one");
        assertNoEventLost(contacts);
    }

    @Test
    void channelsNearExpiryAreReplacedBeforeTheyExpireWithoutLosingAnEvent() {
        notifications().channelTtl(Duration.ofMillis(3500));
        notifications().closingGrace(Duration.ofMillis(1500));
        notifications().socketClosing(notifications().connectedChannels().get(0));
        int sessionsBefore = notifications().sessions().size();

        List<String> contacts = dialThroughout(Duration.ofSeconds(5));

        assertTrue(
                notifications().sessions().size() >= sessionsBefore + 2,
                "short-lived channels were replaced before expiry: "
                        + notifications().sessions());
        assertNoEventLost(contacts);
        notifications().channelTtl(Duration.ofHours(24));
        notifications().socketClosing(notifications().connectedChannels().get(0));
    }

    @Test
    void aSilentSocketIsReplacedAndADroppedOneReconnected() {
        String old = notifications().connectedChannels().get(0);
        notifications().silence(true);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !notifications().connectedChannels().contains(old));
        notifications().silence(false);
        String fresh = awaitOneSubscribedSocket();
        assertTrue(!fresh.equals(old));
        String metrics = ManagementInterface.metrics();
        assertTrue(
                metrics.contains("dialgate_notifications_reconnects_total{cause=\"silence\",tenant=\"hooli\"}"),
                metrics);

        int sessions = notifications().sessions().size();
        notifications().dropAbruptly(fresh);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> notifications().sessions().size() > sessions
                        && notifications().connectedChannels().size() == 1);
        String contact = contact();
        genesys.dialer().begin(list, contact);
        await().atMost(Duration.ofSeconds(10)).until(() -> active(contact));
    }

    @Test
    void withAFifthOfTheEventsLostReconciliationHoldsEveryWriteDuringItsDialAndReleasesItSoonAfter() {
        genesys.dialer().dropShare(0.2);
        List<String> contacts = new ArrayList<>();
        List<Dial> dials = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            String contact = contact();
            contacts.add(contact);
            dials.add(genesys.dialer().begin(list, contact));
        }
        await().atMost(RECONCILE_INTERVAL.multipliedBy(3).plusSeconds(5))
                .until(() -> contacts.stream().allMatch(this::active));
        List<String> writes = new ArrayList<>();
        for (String contact : contacts) {
            writes.add(hooli.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}"));
        }
        writes.forEach(id -> assertEquals("HELD", hooli.state(id)));

        List<Instant> ended = new ArrayList<>();
        for (Dial dial : dials) {
            ended.add(Instant.now());
            dial.postContact();
        }
        Duration bound = RECONCILE_INTERVAL.multipliedBy(2).plus(QUIET);
        await().atMost(bound.plusSeconds(10))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> writes.stream().allMatch(id -> hooli.state(id).equals("APPLIED")));
        // from each dial's end to its write's appliedAt, as dialgate recorded it (not when this test's polling saw it)
        Duration longest = Duration.ZERO;
        for (int i = 0; i < writes.size(); i++) {
            Instant applied =
                    Instant.parse(hooli.status(writes.get(i)).then().extract().path("appliedAt"));
            Duration held = Duration.between(ended.get(i), applied);
            longest = held.compareTo(longest) > 0 ? held : longest;
        }

        List<String> lost = genesys.dialer().droppedEvents();
        assertEquals(6, lost.size(), "a fifth of the 30 dial events were lost: " + lost);
        assertTrue(lost.stream().anyMatch(t -> t.endsWith("preContact")), "starts were lost: " + lost);
        assertTrue(lost.stream().anyMatch(t -> t.endsWith("postContact")), "ends were lost: " + lost);
        assertEquals(List.of(), putsDuringADial(), "no PUT while the dialer had the contact");
        // 2 intervals + the quiet period, plus what a slow shared machine adds to dispatch
        assertTrue(longest.compareTo(bound.plusSeconds(3)) <= 0, "writes held " + longest + " after their dials ended");
    }

    @Test
    void aCampaignTurnedOffEndsItsDialsOnceItsListIsEmpty() {
        String contact = contact();
        Dial dial = genesys.dialer().begin(list, contact);
        await().atMost(Duration.ofSeconds(10)).until(() -> active(contact));
        String writeId = hooli.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        dial.endWithoutEvent();
        genesys.campaigns().setStatus(genesys.dialer().campaignId(), "off");

        hooli.awaitState(writeId, "APPLIED");
        hooli.dialState(list, contact).then().body("endedBy", equalTo("reconcile"));
        genesys.campaigns().setStatus(genesys.dialer().campaignId(), "on");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
