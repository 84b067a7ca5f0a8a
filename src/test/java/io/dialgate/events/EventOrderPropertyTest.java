package io.dialgate.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.state.DialPhase;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: whatever order the events of many contacts arrive in — shuffled, duplicated, with some never arriving —
 * each contact ends in the state the same events give in eventTime order, and a write accepted afterwards is held
 * exactly when that state is an active dial. Generated from a seed (printed on failure) so a failure can be replayed:
 * run with {@code -Ddialgate.property.seed=<seed>}.
 */
@QuarkusTest
class EventOrderPropertyTest {

    private static final int ROUNDS = 4;
    private static final int CONTACTS_PER_ROUND = 25;

    @InjectSimulator
    GenesysSimulator genesys;

    private final DialgateClient acme = DialgateClient.acme();

    /** One generated event: what it means, for computing the in-order state. */
    private record Generated(ObjectNode event, String contact, String conversation, long time, DialPhase phase,
            boolean carriesContact) {
    }

    @Test
    void anyDeliveryOrderWithDuplicatesAndGapsEndsInTheInOrderState() {
        long base = Long.getLong("dialgate.property.seed", System.nanoTime());
        for (int round = 0; round < ROUNDS; round++) {
            long seed = base + round;
            try {
                checkRound(new Random(seed));
            } catch (AssertionError e) {
                throw new AssertionError("property failed for seed " + seed + ": " + e.getMessage(), e);
            }
        }
    }

    private void checkRound(Random random) {
        String list = TestTenants.newListId();
        List<Generated> delivered = new ArrayList<>();
        Map<String, List<Generated>> byContact = new HashMap<>();
        for (int c = 0; c < CONTACTS_PER_ROUND; c++) {
            String contact = TestTenants.newContactId();
            genesys.contacts().put(list, contact, Map.of("tier", "silver"));
            List<Generated> kept = new ArrayList<>();
            for (Generated event : dials(list, contact, random)) {
                boolean gap = random.nextDouble() < 0.15;
                if (!gap) {
                    kept.add(event);
                }
            }
            byContact.put(contact, kept);
            delivered.addAll(kept);
        }
        List<Generated> duplicates = new ArrayList<>();
        for (Generated event : delivered) {
            if (random.nextDouble() < 0.2) {
                duplicates.add(event);
            }
        }
        delivered.addAll(duplicates);
        Collections.shuffle(delivered, random);
        deliverInBatches(delivered, random);

        Map<String, String> writes = new HashMap<>();
        byContact.forEach((contact, events) -> {
            DialPhase expected = inOrderState(events);
            boolean active = expected != null && expected.active();
            String phase = expected == null ? "IDLE" : expected.name();
            assertEquals(phase, acme.dialState(list, contact).then().extract().path("phase"), "phase of " + contact);
            assertEquals(active, acme.dialState(list, contact).then().extract().path("active"), "active of " + contact);
            writes.put(contact, acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}"));
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> byContact.keySet().stream().allMatch(contact -> {
            DialPhase expected = inOrderState(byContact.get(contact));
            String state = acme.state(writes.get(contact));
            return expected != null && expected.active() ? state.equals("HELD") : state.equals("APPLIED");
        }));
        byContact.forEach((contact, events) -> {
            DialPhase expected = inOrderState(events);
            if (expected != null && expected.active()) {
                assertTrue(genesys.requestLog().puts(list, contact).isEmpty(), "a held write reached Genesys");
            }
        });
    }

    /** The phase the events give in eventTime order; null when none of them reaches the contact. */
    private static DialPhase inOrderState(List<Generated> events) {
        Set<String> linked = new HashSet<>();
        for (Generated event : events) {
            if (event.carriesContact()) {
                linked.add(event.conversation());
            }
        }
        return events.stream()
                .filter(event -> event.carriesContact() || linked.contains(event.conversation()))
                .max(Comparator.comparingLong(Generated::time))
                .map(Generated::phase)
                .orElse(null);
    }

    /** One to three dials of a contact; the last may still be under way (no postContact yet). */
    private static List<Generated> dials(String list, String contact, Random random) {
        List<Generated> events = new ArrayList<>();
        long time = System.currentTimeMillis() - 3_600_000 + random.nextInt(60_000);
        int dials = 1 + random.nextInt(3);
        for (int d = 0; d < dials; d++) {
            String conversation = UUID.randomUUID().toString();
            time += 1 + random.nextInt(1_000);
            events.add(new Generated(GenesysEvents.preContact(list, contact, conversation, time), contact,
                    conversation, time, DialPhase.DIALING, true));
            time += 1 + random.nextInt(2_000);
            events.add(new Generated(GenesysEvents.outbound(list, contact, conversation, time), contact,
                    conversation, time, DialPhase.DIALING, true));
            if (random.nextBoolean()) {
                time += 1 + random.nextInt(10_000);
                events.add(new Generated(GenesysEvents.detail(conversation, "customer.start", time), contact,
                        conversation, time, DialPhase.CONNECTED, false));
            }
            time += 1 + random.nextInt(30_000);
            events.add(new Generated(GenesysEvents.detail(conversation, "customer.end", time), contact,
                    conversation, time, DialPhase.WRAPUP, false));
            boolean underWay = d == dials - 1 && random.nextInt(3) == 0;
            if (!underWay) {
                time += 1 + random.nextInt(5_000);
                events.add(new Generated(GenesysEvents.postContact(list, contact, conversation, time), contact,
                        conversation, time, DialPhase.DONE, true));
            }
        }
        return events;
    }

    private void deliverInBatches(List<Generated> events, Random random) {
        int i = 0;
        while (i < events.size()) {
            int size = Math.min(events.size() - i, 1 + random.nextInt(40));
            ArrayNode batch = GenesysEvents.array();
            for (Generated event : events.subList(i, i + size)) {
                batch.add(random.nextBoolean() ? event.event() : GenesysEvents.eventBridge(event.event()));
            }
            acme.events(batch.toString()).then().statusCode(202);
            i += size;
        }
    }
}
