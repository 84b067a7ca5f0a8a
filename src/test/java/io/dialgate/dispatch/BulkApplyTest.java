package io.dialgate.dispatch;

import io.dialgate.demo.DiscardingEventSink;
import io.dialgate.genesys.BudgetTurns;
import io.dialgate.redis.TenantKeys;
import io.dialgate.simulator.Dial;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.simulator.RecordedRequest;
import io.dialgate.simulator.RecordedUpsert;
import io.dialgate.simulator.ScriptedResponse;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.TestTenants;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bulk apply against the simulator: a list's ready contacts go to Genesys in one bulk read and one upsert, each
 * contact's merge and outcome as if it were alone; an upsert refused as a whole is bisected down to its culprit; auto
 * mode sends few contacts one at a time; replace mode writes through the upsert even alone.
 */
@QuarkusTest
class BulkApplyTest {

    private static final String BULK_READ = "/contacts/bulk";
    /** Within the longest an apply waits for its turn (2 s), beyond which the contacts would go back to Redis. */
    private static final Duration BUDGET_WAIT = Duration.ofMillis(1800);

    @Inject
    RedisDataSource redis;

    @InjectSimulator
    GenesysSimulator genesys;

    @TestHTTPResource("/")
    URL dialgate;

    private final DialgateClient initrode = TestTenants.client(TestTenants.INITRODE);
    private final DialgateClient acme = DialgateClient.acme();
    private final String list = TestTenants.newListId();

    @BeforeEach
    void dialEventsGoToInitrode() {
        genesys.dialer()
                .setEventsSink(URI.create(dialgate + initrode.eventsPath().substring(1)), initrode.ingestToken());
    }

    @Test
    void readyContactsOfOneListGoInOneBulkReadAndOneUpsertKeepingTheirOtherColumns() {
        List<String> contacts = seed(20);
        Map<String, String> writes = acceptBatch(initrode, contacts, c -> false);

        writes.values().forEach(id -> initrode.awaitState(id, "APPLIED"));
        contacts.forEach(c -> assertEquals(
                Map.of("phone", "+13175550100", "tier", "gold-" + c),
                genesys.contacts().get(list, c).orElseThrow().data()));
        assertEquals(1, requests(r -> r.path().endsWith(BULK_READ)).size(), "one bulk read for 20 contacts");
        List<RecordedUpsert> upserts = upserts();
        assertEquals(1, upserts.size(), "one upsert for 20 contacts");
        assertEquals(20, upserts.get(0).contactIds().size());
        assertEquals("false", upserts.get(0).priority());
        assertEquals("false", upserts.get(0).clearSystemData(), "the system columns are kept");
        assertEquals("true", upserts.get(0).doNotQueue(), "a contact already dialed is not queued again");
        assertTrue(
                requests(r -> r.method().equals("GET") || r.method().equals("PUT"))
                        .isEmpty(),
                "no per-contact call");
    }

    @Test
    void aContactHeldByADialIsLeftOutOfTheBulkAndAppliedAfterIt() {
        List<String> contacts = seed(8);
        String inDial = contacts.get(2);
        Dial dial = genesys.dialer().begin(list, inDial);

        Map<String, String> writes = acceptBatch(initrode, contacts, c -> false);
        contacts.stream().filter(c -> !c.equals(inDial)).forEach(c -> initrode.awaitState(writes.get(c), "APPLIED"));
        assertEquals("HELD", initrode.state(writes.get(inDial)));
        assertTrue(genesys.requestLog().puts(list, inDial).isEmpty(), "nothing is sent for a contact in a dial");

        dial.postContact();
        initrode.awaitState(writes.get(inDial), "APPLIED");
        assertEquals(
                "gold-" + inDial,
                genesys.contacts().get(list, inDial).orElseThrow().data().get("tier"));
    }

    /**
     * The dialer takes a contact of a batch while the batch waits for its turn of the budget (dialgate hears the dial
     * start then): the upsert, when its turn comes, leaves that contact out — held, nothing sent — so Genesys never
     * answers 409. (With the hold check made before the wait, the contact went out in the upsert: 409, then a
     * bisection down to it.)
     */
    @Test
    void aContactThatGoesIntoADialDuringTheBudgetWaitIsLeftOutOfTheUpsertAndNoRequestGets409() {
        // Warm: the first request to a fresh app and the tenant's first token take seconds on a loaded machine.
        String warm = seed(1).get(0);
        acceptBatch(initrode, List.of(warm), c -> true).values().forEach(id -> initrode.awaitState(id, "APPLIED"));
        List<String> contacts = seed(8);
        String inDial = contacts.get(3);
        // Until the dial starts, every turn of the budget waits BUDGET_WAIT, as if busy callers had spent it.
        AtomicBoolean spent = new AtomicBoolean(true);
        Thread spender = new Thread(() -> {
            while (spent.get()) {
                redis.execute(
                        "SET",
                        new TenantKeys(TestTenants.INITRODE).budget(),
                        BudgetTurns.nextCallWaits(60_000, redisNow(), BUDGET_WAIT),
                        "PX",
                        "60000");
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        });
        spender.start();
        Dial dial;
        Instant dialStarted;
        Map<String, String> writes;
        try {
            // Replace writes: no bulk read, so the one request that waits for the budget is the upsert.
            writes = acceptBatch(initrode, contacts, c -> true);
            // Watched in Redis, not through the status API: the dial must start while the upsert still waits.
            TenantKeys keys = new TenantKeys(TestTenants.INITRODE);
            String member = TenantKeys.member(list, inDial);
            Awaitility.await()
                    .pollInterval(Duration.ofMillis(2))
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> redis.execute("ZSCORE", keys.inFlightSet(), member) != null);
            dialStarted = Instant.now();
            dial = genesys.dialer().begin(list, inDial);
        } finally {
            spent.set(false);
        }
        List<RecordedUpsert> early = upserts().stream()
                .filter(u -> u.contactIds().contains(contacts.get(0)))
                .filter(u -> u.time().isBefore(dialStarted))
                .toList();
        assertTrue(early.isEmpty(), "the batch was still waiting for the budget when the dial started: " + early);

        contacts.stream().filter(c -> !c.equals(inDial)).forEach(c -> initrode.awaitState(writes.get(c), "APPLIED"));
        initrode.awaitState(writes.get(inDial), "HELD");
        assertTrue(
                upserts().stream().noneMatch(u -> u.status() == 409),
                "no upsert refused: "
                        + upserts().stream()
                                .map(u -> u.status() + " " + u.contactIds().size())
                                .toList());
        assertTrue(
                upserts().stream().noneMatch(u -> u.contactIds().contains(inDial)),
                "the contact in a dial was not sent: " + upserts());

        dial.postContact();
        initrode.awaitState(writes.get(inDial), "APPLIED");
        assertEquals(
                "gold-" + inDial,
                genesys.contacts().get(list, inDial).orElseThrow().data().get("tier"));
    }

    @Test
    void anUpsertRefusedWith409IsBisectedSoOnlyTheContactInADialWaits() {
        List<String> contacts = seed(16);
        String culprit = contacts.get(5);
        // The dialer takes the contact without dialgate knowing yet: Genesys refuses the whole upsert with 409.
        Dial dial;
        try (DiscardingEventSink lost = new DiscardingEventSink()) {
            genesys.dialer().setEventsSink(lost.url(), null);
            dial = genesys.dialer().begin(list, culprit);
        }

        Map<String, String> writes = acceptBatch(initrode, contacts, c -> false);
        contacts.stream().filter(c -> !c.equals(culprit)).forEach(c -> initrode.awaitState(writes.get(c), "APPLIED"));
        for (String contact : contacts) {
            List<RecordedPut> sent = genesys.requestLog().puts(list, contact);
            if (contact.equals(culprit)) {
                assertTrue(sent.stream().allMatch(p -> p.status() == 409), "the culprit is in every refused upsert");
            } else {
                assertTrue(sent.stream().anyMatch(p -> p.status() == 200), contact + " was applied");
            }
        }
        List<RecordedUpsert> refused =
                upserts().stream().filter(u -> u.status() == 409).toList();
        assertTrue(
                refused.stream().allMatch(u -> u.contactIds().contains(culprit)), "only upserts with the culprit fail");
        // 16 → 8 → 4 → 2 → 1: a refused upsert at each level of the halving on the culprit's side.
        assertTrue(
                refused.stream().map(u -> u.contactIds().size()).toList().containsAll(List.of(16, 8, 4, 2, 1)),
                "the halving: " + upserts());

        dial.endWithoutEvent();
        initrode.awaitState(writes.get(culprit), "APPLIED");
        assertEquals(
                "gold-" + culprit,
                genesys.contacts().get(list, culprit).orElseThrow().data().get("tier"));
    }

    @Test
    void aContactGenesysRefusesWith400FailsAloneAndTheOthersApply() {
        List<String> contacts = seed(12);
        String bad = contacts.get(9);
        genesys.faults()
                .refuseUpsertsOf(
                        bad,
                        ScriptedResponse.genesysError(
                                400, "invalid.contact.columns", "The contact columns are invalid."));

        Map<String, String> writes = acceptBatch(initrode, contacts, c -> false);
        contacts.stream().filter(c -> !c.equals(bad)).forEach(c -> initrode.awaitState(writes.get(c), "APPLIED"));
        initrode.awaitState(writes.get(bad), "FAILED");
        JsonPath failed = initrode.status(writes.get(bad)).then().extract().jsonPath();
        assertEquals(400, failed.getInt("lastError.status"));
        assertEquals("UPSERT", failed.getString("lastError.call"));
        assertEquals("invalid.contact.columns", failed.getString("lastError.code"));
        assertEquals(
                "silver", genesys.contacts().get(list, bad).orElseThrow().data().get("tier"));
    }

    @Test
    void autoModeSendsFewContactsOneAtATimeAndManyInBulk() {
        List<String> few = seed(3);
        acceptBatch(acme, few, c -> false).values().forEach(id -> acme.awaitState(id, "APPLIED"));
        assertEquals(3, requests(r -> r.method().equals("PUT")).size(), "below bulk-min: GET + PUT per contact");
        assertTrue(upserts().isEmpty());

        List<String> many = seed(8);
        acceptBatch(acme, many, c -> false).values().forEach(id -> acme.awaitState(id, "APPLIED"));
        assertEquals(1, upserts().size(), "from bulk-min on: one upsert");
        assertEquals(3, requests(r -> r.method().equals("PUT")).size());
    }

    @Test
    void aReplaceWriteAloneGoesThroughTheUpsertKeepingSystemData() {
        String contact = seed(1).get(0);
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"},\"mode\":\"replace\"}");

        acme.awaitState(writeId, "APPLIED");
        assertEquals(
                Map.of("tier", "gold"),
                genesys.contacts().get(list, contact).orElseThrow().data());
        assertTrue(requests(r -> r.method().equals("PUT") || r.method().equals("GET"))
                .isEmpty());
        List<RecordedUpsert> upserts = upserts();
        assertEquals(1, upserts.size());
        assertEquals(List.of(contact), upserts.get(0).contactIds());
        assertEquals("false", upserts.get(0).clearSystemData());
        RecordedPut sent = genesys.requestLog().puts(list, contact).get(0);
        assertEquals(contact, sent.body().get("id").asText(), "the upsert names the contact it writes");
    }

    private long redisNow() {
        io.vertx.mutiny.redis.client.Response time = redis.execute("TIME");
        return time.get(0).toLong() * 1000 + time.get(1).toLong() / 1000;
    }

    private List<String> seed(int count) {
        List<String> contacts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String contact = TestTenants.newContactId();
            genesys.contacts().put(list, contact, Map.of("phone", "+13175550100", "tier", "silver"));
            contacts.add(contact);
        }
        return contacts;
    }

    /** One batch request (all stored by one script, so one claim round sees them together); contact → write id. */
    private Map<String, String> acceptBatch(DialgateClient client, List<String> contacts, Predicate<String> replace) {
        String items = contacts.stream()
                .map(c -> "{\"contactId\":\"" + c + "\",\"data\":{\"tier\":\"gold-" + c + "\"}"
                        + (replace.test(c) ? ",\"mode\":\"replace\"" : "") + "}")
                .collect(Collectors.joining(","));
        List<String> ids = client.crm()
                .body("{\"writes\":[" + items + "]}")
                .post("/v1/tenants/{t}/contactlists/{l}/writes:batch", client.tenant(), list)
                .then()
                .statusCode(202)
                .extract()
                .path("results.writeId");
        Map<String, String> byContact = new LinkedHashMap<>();
        for (int i = 0; i < contacts.size(); i++) {
            byContact.put(contacts.get(i), ids.get(i));
        }
        return byContact;
    }

    private List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
        return genesys.requestLog().requests(r -> list.equals(r.contactListId()) && filter.test(r));
    }

    private List<RecordedUpsert> upserts() {
        return genesys.requestLog().upserts().stream()
                .filter(u -> list.equals(u.contactListId()))
                .toList();
    }
}
