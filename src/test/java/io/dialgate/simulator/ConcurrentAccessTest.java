package io.dialgate.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConcurrentAccessTest {

    private static final String LIST = "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11";
    private static final int THREADS = 8;
    private static final int CALLS_PER_THREAD = 25;

    private RecordingEventSink sink;
    private GenesysSimulator sim;

    @BeforeEach
    void start() {
        sink = new RecordingEventSink();
        sim = GenesysSimulator.start(SimulatorOptions.builder()
                .eventsSink(sink.eventsUri("acme"), "ingest")
                .build());
        for (int i = 0; i < 4; i++) {
            sim.contacts().put(LIST, contactId(i), Map.of("phone", "+1317555000" + i));
        }
    }

    @AfterEach
    void stop() {
        sim.close();
        sink.close();
    }

    @Test
    void concurrentGetsAndPutsDuringDialsAreAllAnsweredConsistently() throws Exception {
        // given: one contact is in a dial for the whole run
        GenesysTestClient client = new GenesysTestClient(sim);
        String token = client.token();
        Dial dial = sim.dialer().begin(LIST, contactId(3));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);

        // when
        List<Future<List<Integer>>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            results.add(pool.submit(() -> {
                List<Integer> statuses = new ArrayList<>();
                for (int i = 0; i < CALLS_PER_THREAD; i++) {
                    String contact = contactId((thread + i) % 4);
                    statuses.add(
                            i % 2 == 0
                                    ? client.get(LIST, contact, token).statusCode()
                                    : client.put(
                                                    LIST,
                                                    contact,
                                                    token,
                                                    "{\"contactListId\":\"" + LIST + "\",\"data\":{\"phone\":\"t"
                                                            + thread + "-" + i + "\"}}")
                                            .statusCode());
                }
                return statuses;
            }));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<List<Integer>> result : results) {
            statuses.addAll(result.get(30, TimeUnit.SECONDS));
        }
        pool.shutdown();
        dial.postContact();

        // then
        assertEquals(Set.of(200, 409), Set.copyOf(statuses));
        assertEquals(1 + THREADS * CALLS_PER_THREAD, sim.requestLog().requests().size());
        List<RecordedPut> puts = sim.requestLog().puts();
        assertEquals(THREADS * (CALLS_PER_THREAD / 2), puts.size()); // odd-numbered calls are PUTs
        assertTrue(puts.stream()
                .filter(p -> p.status() == 409)
                .allMatch(p -> p.contactId().equals(contactId(3))));
        assertTrue(puts.stream().filter(p -> p.contactId().equals(contactId(3))).allMatch(p -> p.status() == 409));
        for (int i = 0; i < 3; i++) {
            String contact = contactId(i);
            Set<String> written = puts.stream()
                    .filter(p -> p.contactId().equals(contact) && p.status() == 200)
                    .map(p -> p.body().get("data").get("phone").asText())
                    .collect(Collectors.toSet());
            assertTrue(
                    written.contains(sim.contacts()
                            .get(LIST, contact)
                            .orElseThrow()
                            .data()
                            .get("phone")),
                    "stored value is one of the accepted writes");
        }
    }

    private static String contactId(int i) {
        return String.format("%032x", 0xc0ffee00L + i);
    }
}
