package io.dialgate.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.state.DialPhase;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.PackagedDialgate;
import io.dialgate.testing.TestTenants;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Property: whatever order the events of many contacts arrive in — shuffled, duplicated, with some never arriving —
 * each contact ends in the state the same events give in eventTime order, and a write accepted afterwards is held
 * exactly when that state is an active dial.
 *
 * <p>A jqwik property against the packaged app ({@link PackagedDialgate}), since jqwik properties do not run inside a
 * {@code @QuarkusTest}. On a failure jqwik shrinks the scenario (fewer contacts and dials, no losses or duplicates, the
 * delivery order closer to eventTime order, batches of one) and reports it with its seed; replay one with
 * {@code @Property(seed = "...")}.
 */
@AddLifecycleHook(PackagedDialgate.Resolver.class)
class EventOrderPropertyIT {

    /** What becomes of one event on its way to dialgate. */
    record Fate(boolean lost, boolean duplicated, boolean bridged, int position, int duplicatePosition) {}

    /** Milliseconds before each event of a dial, from the previous one. */
    record Gaps(int preContact, int outbound, int customerStart, int customerEnd, int postContact) {}

    /** One dial of a contact: the gaps between its events, whether the customer answered, each event's fate. */
    record DialPlan(Gaps gaps, boolean answered, List<Fate> fates) {}

    /** A contact's dials, oldest first; the last may still be under way (no postContact yet). */
    record ContactPlan(int startOffset, List<DialPlan> dials, boolean lastUnderWay) {}

    /** The contacts of one try and the sizes of the batches their events are delivered in (used in turn). */
    record Scenario(List<ContactPlan> contacts, List<Integer> batchSizes) {}

    /** One generated event: what it means, for computing the in-order state. */
    private record Generated(
            ObjectNode event,
            String contact,
            String conversation,
            long time,
            DialPhase phase,
            boolean carriesContact,
            Fate fate) {}

    /** An event as it is sent: the original or its duplicate, at the position its fate gives it. */
    private record Delivery(ObjectNode event, boolean bridged, int position) {}

    @Property(tries = 8)
    void anyDeliveryOrderWithDuplicatesAndGapsEndsInTheInOrderState(
            PackagedDialgate app, @ForAll("scenarios") Scenario scenario) {
        DialgateClient acme = app.acme();
        String list = TestTenants.newListId();
        long base = System.currentTimeMillis() - 3_600_000;
        Map<String, List<Generated>> byContact = new HashMap<>();
        List<Delivery> deliveries = new ArrayList<>();
        for (ContactPlan plan : scenario.contacts()) {
            String contact = TestTenants.newContactId();
            app.genesys().contacts().put(list, contact, Map.of("tier", "silver"));
            List<Generated> kept = events(list, contact, base, plan).stream()
                    .filter(e -> !e.fate().lost())
                    .toList();
            byContact.put(contact, kept);
            for (Generated event : kept) {
                deliveries.add(new Delivery(
                        event.event(), event.fate().bridged(), event.fate().position()));
                if (event.fate().duplicated()) {
                    deliveries.add(new Delivery(
                            event.event(), event.fate().bridged(), event.fate().duplicatePosition()));
                }
            }
        }
        // stable: positions shrink towards 0, which leaves the events in eventTime order
        deliveries.sort(Comparator.comparingInt(Delivery::position));
        deliverInBatches(acme, deliveries, scenario.batchSizes());

        Map<String, String> writes = new HashMap<>();
        byContact.forEach((contact, events) -> {
            Optional<DialPhase> expected = inOrderState(events);
            assertEquals(
                    expected.map(DialPhase::name).orElse("IDLE"),
                    acme.dialState(list, contact).then().extract().path("phase"),
                    "phase of " + contact);
            assertEquals(
                    isActive(expected),
                    acme.dialState(list, contact).then().extract().path("active"),
                    "active of " + contact);
            writes.put(contact, acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}"));
        });
        await().atMost(Duration.ofSeconds(20))
                .until(() -> byContact.keySet().stream().allMatch(contact -> {
                    String state = acme.state(writes.get(contact));
                    return isActive(inOrderState(byContact.get(contact)))
                            ? state.equals("HELD")
                            : state.equals("APPLIED");
                }));
        byContact.forEach((contact, events) -> {
            if (isActive(inOrderState(events))) {
                assertTrue(app.genesys().requestLog().puts(list, contact).isEmpty(), "a held write reached Genesys");
            }
        });
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<List<ContactPlan>> contacts =
                contactPlans().list().ofMinSize(1).ofMaxSize(25);
        Arbitrary<List<Integer>> batchSizes =
                Arbitraries.integers().between(1, 40).list().ofMinSize(1).ofMaxSize(10);
        return Combinators.combine(contacts, batchSizes).as(Scenario::new);
    }

    private static Arbitrary<ContactPlan> contactPlans() {
        Arbitrary<Integer> startOffset = Arbitraries.integers().between(0, 59_999);
        Arbitrary<List<DialPlan>> dials = dialPlans().list().ofMinSize(1).ofMaxSize(3);
        Arbitrary<Boolean> lastUnderWay = Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true));
        return Combinators.combine(startOffset, dials, lastUnderWay).as(ContactPlan::new);
    }

    /** Gaps as the dialer leaves them: before preContact, then outbound, customer.start, customer.end, postContact. */
    private static Arbitrary<DialPlan> dialPlans() {
        Arbitrary<Gaps> gaps = Combinators.combine(
                        Arbitraries.integers().between(1, 1_000),
                        Arbitraries.integers().between(1, 2_000),
                        Arbitraries.integers().between(1, 10_000),
                        Arbitraries.integers().between(1, 30_000),
                        Arbitraries.integers().between(1, 5_000))
                .as(Gaps::new);
        return Combinators.combine(
                        gaps, Arbitraries.of(true, false), fates().list().ofSize(5))
                .as(DialPlan::new);
    }

    /** About 15% of events lost, 20% delivered twice, half in an EventBridge envelope, in any order. */
    private static Arbitrary<Fate> fates() {
        Arbitrary<Boolean> lost = Arbitraries.frequency(Tuple.of(85, false), Tuple.of(15, true));
        Arbitrary<Boolean> duplicated = Arbitraries.frequency(Tuple.of(80, false), Tuple.of(20, true));
        Arbitrary<Integer> position = Arbitraries.integers().between(0, 10_000);
        return Combinators.combine(lost, duplicated, Arbitraries.of(false, true), position, position)
                .as(Fate::new);
    }

    private static List<Generated> events(String list, String contact, long base, ContactPlan plan) {
        List<Generated> events = new ArrayList<>();
        long time = base + plan.startOffset();
        for (int d = 0; d < plan.dials().size(); d++) {
            DialPlan dial = plan.dials().get(d);
            String conversation = UUID.randomUUID().toString();
            time += dial.gaps().preContact();
            events.add(new Generated(
                    GenesysEvents.preContact(list, contact, conversation, time),
                    contact,
                    conversation,
                    time,
                    DialPhase.DIALING,
                    true,
                    dial.fates().get(0)));
            time += dial.gaps().outbound();
            events.add(new Generated(
                    GenesysEvents.outbound(list, contact, conversation, time),
                    contact,
                    conversation,
                    time,
                    DialPhase.DIALING,
                    true,
                    dial.fates().get(1)));
            if (dial.answered()) {
                time += dial.gaps().customerStart();
                events.add(new Generated(
                        GenesysEvents.detail(conversation, "customer.start", time),
                        contact,
                        conversation,
                        time,
                        DialPhase.CONNECTED,
                        false,
                        dial.fates().get(2)));
            }
            time += dial.gaps().customerEnd();
            events.add(new Generated(
                    GenesysEvents.detail(conversation, "customer.end", time),
                    contact,
                    conversation,
                    time,
                    DialPhase.WRAPUP,
                    false,
                    dial.fates().get(3)));
            boolean underWay = d == plan.dials().size() - 1 && plan.lastUnderWay();
            if (!underWay) {
                time += dial.gaps().postContact();
                events.add(new Generated(
                        GenesysEvents.postContact(list, contact, conversation, time),
                        contact,
                        conversation,
                        time,
                        DialPhase.DONE,
                        true,
                        dial.fates().get(4)));
            }
        }
        return events;
    }

    /** The phase the events give in eventTime order; empty when none of them reaches the contact. */
    private static Optional<DialPhase> inOrderState(List<Generated> events) {
        Set<String> linked = new HashSet<>();
        for (Generated event : events) {
            if (event.carriesContact()) {
                linked.add(event.conversation());
            }
        }
        return events.stream()
                .filter(event -> event.carriesContact() || linked.contains(event.conversation()))
                .max(Comparator.comparingLong(Generated::time))
                .map(Generated::phase);
    }

    private static boolean isActive(Optional<DialPhase> phase) {
        return phase.map(DialPhase::active).orElse(false);
    }

    private static void deliverInBatches(DialgateClient acme, List<Delivery> deliveries, List<Integer> batchSizes) {
        int i = 0;
        int batch = 0;
        while (i < deliveries.size()) {
            int size = Math.min(deliveries.size() - i, batchSizes.get(batch++ % batchSizes.size()));
            ArrayNode body = GenesysEvents.array();
            for (Delivery delivery : deliveries.subList(i, i + size)) {
                body.add(delivery.bridged() ? GenesysEvents.eventBridge(delivery.event()) : delivery.event());
            }
            acme.events(body.toString()).then().statusCode(202);
            i += size;
        }
    }
}
