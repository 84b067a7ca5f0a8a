package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RateLimitTest {

    private static final String LIST = "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11";
    private static final String CONTACT = "0f2b3c4d5e6f708192a3b4c5d6e7f809";

    private GenesysSimulator sim;

    @AfterEach
    void stop() {
        if (sim != null) {
            sim.close();
        }
    }

    @Test
    void requestAboveTheLimitGets429WithRetryAfterAndGenesysBody() {
        // given: a limit of 4 per minute, spent by one token call and three GETs
        sim = GenesysSimulator.start(
                SimulatorOptions.builder().requestsPerMinute(4).build());
        sim.contacts().put(LIST, CONTACT, Map.of("phone", "1"));
        GenesysTestClient client = new GenesysTestClient(sim);
        String token = client.token();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, client.get(LIST, CONTACT, token).statusCode());
        }

        // when
        HttpResponse<String> response = client.get(LIST, CONTACT, token);

        // then
        assertEquals(429, response.statusCode());
        long retryAfter =
                Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
        assertTrue(
                retryAfter >= 59 && retryAfter <= 60,
                "retry after the oldest request leaves the minute: " + retryAfter);
        JsonNode body = GenesysTestClient.json(response);
        assertEquals("too.many.requests", body.get("code").asText());
        assertEquals(429, body.get("status").asInt());
        assertEquals(
                "4", response.headers().firstValue("inin-ratelimit-allowed").orElseThrow());
        assertEquals("4", response.headers().firstValue("inin-ratelimit-count").orElseThrow());
        assertEquals(
                String.valueOf(retryAfter),
                response.headers().firstValue("inin-ratelimit-reset").orElseThrow());
    }

    @Test
    void limitIsPerClient() {
        // given
        sim = GenesysSimulator.start(SimulatorOptions.builder()
                .requestsPerMinute(1)
                .client("a", "secret-a")
                .client("b", "secret-b")
                .build());
        GenesysTestClient client = new GenesysTestClient(sim);
        client.requestToken("a", "secret-a", "client_credentials");

        // when
        int secondOfA =
                client.requestToken("a", "secret-a", "client_credentials").statusCode();
        int firstOfB =
                client.requestToken("b", "secret-b", "client_credentials").statusCode();

        // then
        assertEquals(429, secondOfA);
        assertEquals(200, firstOfB);
    }

    @Test
    void requestsAreAdmittedAgainOnceTheWindowHasPassed() throws InterruptedException {
        // given: 2 requests per 1 s window
        sim = GenesysSimulator.start(SimulatorOptions.builder()
                .requestsPerMinute(2)
                .rateLimitWindow(Duration.ofSeconds(1))
                .build());
        sim.contacts().put(LIST, CONTACT, Map.of("phone", "1"));
        GenesysTestClient client = new GenesysTestClient(sim);
        String token = client.token();
        client.get(LIST, CONTACT, token);
        int overLimit = client.get(LIST, CONTACT, token).statusCode();

        // when
        Thread.sleep(1_100);
        int afterWindow = client.get(LIST, CONTACT, token).statusCode();

        // then
        assertEquals(429, overLimit);
        assertEquals(200, afterWindow);
    }

    @Test
    void requestLogReportsTheBusiestWindowOfAClientIncludingRejectedRequests() {
        // given: 1 token call + 5 GETs in quick succession under a limit of 3
        sim = GenesysSimulator.start(
                SimulatorOptions.builder().requestsPerMinute(3).build());
        sim.contacts().put(LIST, CONTACT, Map.of("phone", "1"));
        GenesysTestClient client = new GenesysTestClient(sim);
        String token = client.token();
        for (int i = 0; i < 5; i++) {
            client.get(LIST, CONTACT, token);
        }

        // when
        int busiestMinute = sim.maxRequestsInAnyWindow(SimulatorOptions.DEFAULT_CLIENT_ID, Duration.ofMinutes(1));
        int busiestNanosecond = sim.maxRequestsInAnyWindow(SimulatorOptions.DEFAULT_CLIENT_ID, Duration.ofNanos(1));

        // then
        assertEquals(6, busiestMinute);
        assertEquals(1, busiestNanosecond);
        assertEquals(3, sim.requestLog().requests(r -> r.status() == 429).size());
        assertEquals(0, sim.maxRequestsInAnyWindow("someone-else", Duration.ofMinutes(1)));
    }

    @Test
    void slidingWindowCountIsComputedOverArrivalTimes() {
        // given: arrivals at 0, 100, 150, 400 and 450 ms
        RequestLog log = new RequestLog();
        for (long millis : new long[] {0, 100, 150, 400, 450}) {
            log.record(new RecordedRequest(
                    Instant.EPOCH.plusMillis(millis), millis * 1_000_000, "GET", "/x", "c", null, null, 200));
        }

        // when
        int in200ms = log.maxRequestsInAnyWindow("c", Duration.ofMillis(200));
        int in350ms = log.maxRequestsInAnyWindow("c", Duration.ofMillis(350));
        int in351ms = log.maxRequestsInAnyWindow("c", Duration.ofMillis(351));

        // then
        assertEquals(3, in200ms); // 0, 100, 150
        assertEquals(3, in350ms); // 450 - 100 = 350 does not fit in a window of 350 ms (end exclusive)
        assertEquals(4, in351ms); // 100, 150, 400, 450
    }
}
