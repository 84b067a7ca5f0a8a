package io.dialgate.simulator;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultInjectionTest {

    private static final String LIST = "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11";
    private static final String CONTACT_A = "0f2b3c4d5e6f708192a3b4c5d6e7f809";
    private static final String CONTACT_B = "a1b2c3d4e5f60718293a4b5c6d7e8f90";

    private GenesysSimulator sim;
    private GenesysTestClient client;
    private String token;

    @BeforeEach
    void start() {
        sim = GenesysSimulator.start(SimulatorOptions.defaults());
        client = new GenesysTestClient(sim);
        token = client.token();
        sim.contacts().put(LIST, CONTACT_A, Map.of("phone", "1"));
        sim.contacts().put(LIST, CONTACT_B, Map.of("phone", "2"));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void scriptedPutResponsesAreConsumedFirstInFirstOut() {
        // given
        sim.faults()
                .nextPut(503, Map.of(), "{\"message\":\"unavailable\",\"code\":\"service.unavailable\",\"status\":503}")
                .nextPut(ScriptedResponse.tooManyRequests(7));

        // when
        HttpResponse<String> first = client.put(LIST, CONTACT_A, token, update(LIST, "x"));
        HttpResponse<String> second = client.put(LIST, CONTACT_A, token, update(LIST, "y"));
        HttpResponse<String> third = client.put(LIST, CONTACT_A, token, update(LIST, "z"));

        // then
        assertEquals(503, first.statusCode());
        assertEquals(
                "service.unavailable", GenesysTestClient.json(first).get("code").asText());
        assertEquals(429, second.statusCode());
        assertEquals("7", second.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(200, third.statusCode());
        assertEquals(
                "z", sim.contacts().get(LIST, CONTACT_A).orElseThrow().data().get("phone"));
        assertEquals(
                List.of(503, 429, 200),
                sim.requestLog().puts().stream().map(RecordedPut::status).toList());
        assertEquals(0, sim.faults().pending());
    }

    @Test
    void faultRestrictedToAContactIsOnlyConsumedByThatContact() {
        // given
        sim.faults().nextPut(CONTACT_B, ScriptedResponse.genesysError(500, "internal.server.error", "boom"));

        // when
        int putA = client.put(LIST, CONTACT_A, token, update(LIST, "a")).statusCode();
        int putB = client.put(LIST, CONTACT_B, token, update(LIST, "b")).statusCode();

        // then
        assertEquals(200, putA);
        assertEquals(500, putB);
    }

    @Test
    void faultForPutIsNotConsumedByGet() {
        // given
        sim.faults().nextPut(ScriptedResponse.of(502));

        // when
        int get = client.get(LIST, CONTACT_A, token).statusCode();
        int put = client.put(LIST, CONTACT_A, token, update(LIST, "a")).statusCode();

        // then
        assertEquals(200, get);
        assertEquals(502, put);
    }

    @Test
    void scriptedAnswerAfterApplyingStoresTheWriteButHidesTheSuccess() {
        // given
        sim.faults().nextPut(ScriptedResponse.of(504).afterApplyingRequest());

        // when
        int status = client.put(LIST, CONTACT_A, token, update(LIST, "applied")).statusCode();

        // then
        assertEquals(504, status);
        assertEquals(
                "applied",
                sim.contacts().get(LIST, CONTACT_A).orElseThrow().data().get("phone"));
    }

    @Test
    void scriptedGetAndTokenResponsesAreServed() {
        // given
        sim.faults().nextGet(404, Map.of("X-Test", "yes"), null).nextToken(ScriptedResponse.of(503));

        // when
        HttpResponse<String> get = client.get(LIST, CONTACT_A, token);
        int tokenStatus = client.requestToken(
                        SimulatorOptions.DEFAULT_CLIENT_ID,
                        SimulatorOptions.DEFAULT_CLIENT_SECRET,
                        "client_credentials")
                .statusCode();

        // then
        assertEquals(404, get.statusCode());
        assertEquals("yes", get.headers().firstValue("X-Test").orElseThrow());
        assertEquals(503, tokenStatus);
    }

    @Test
    void fixedLatencyDelaysEveryAnswer() {
        // given
        sim.faults().latency(Duration.ofMillis(250));

        // when
        long start = System.nanoTime();
        int status = client.get(LIST, CONTACT_A, token).statusCode();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;

        // then
        assertEquals(200, status);
        assertTrue(tookMillis >= 250, "took " + tookMillis + " ms");
    }

    @Test
    void perRequestLatencyOnlyDelaysTheChosenRequests() {
        // given
        sim.faults().latency((method, path) -> "PUT".equals(method) ? Duration.ofMillis(400) : Duration.ZERO);

        // when
        long getMillis = timeMillis(() -> client.get(LIST, CONTACT_A, token));
        long putMillis = timeMillis(() -> client.put(LIST, CONTACT_A, token, update(LIST, "slow")));

        // then
        assertTrue(getMillis < 300, "GET took " + getMillis + " ms");
        assertTrue(putMillis >= 400, "PUT took " + putMillis + " ms");
    }

    @Test
    void scriptedDelayIsAddedToTheScriptedAnswer() {
        // given
        sim.faults().nextGet(ScriptedResponse.of(200, Map.of(), "{}").withDelay(Duration.ofMillis(200)));

        // when
        long tookMillis = timeMillis(() -> client.get(LIST, CONTACT_A, token));

        // then
        assertTrue(tookMillis >= 200, "took " + tookMillis + " ms");
    }

    private static String update(String list, String phone) {
        return "{\"contactListId\":\"" + list + "\",\"data\":{\"phone\":\"" + phone + "\"}}";
    }

    private static long timeMillis(Runnable call) {
        long start = System.nanoTime();
        call.run();
        return (System.nanoTime() - start) / 1_000_000;
    }
}
