package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CampaignRunTest {

    private static final String LIST = "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11";

    private RecordingEventSink sink;
    private GenesysSimulator sim;

    @BeforeEach
    void start() {
        sink = new RecordingEventSink();
        sim = GenesysSimulator.start(SimulatorOptions.builder()
                .eventsSink(sink.eventsUri("acme"), "ingest")
                .build());
        for (int i = 1; i <= 4; i++) {
            sim.contacts().put(LIST, String.format("%032x", i), Map.of("phone", "+131755501" + i));
        }
    }

    @AfterEach
    void stop() {
        sim.close();
        sink.close();
    }

    @Test
    void campaignPlaysEveryDialOutInOrderAndReleasesAllContacts() throws InterruptedException {
        // given
        CampaignRun run = sim.dialer().runCampaign(fastCampaign(42).maxDials(8).build());

        // when
        boolean finished = run.awaitCompletion(Duration.ofSeconds(10));

        // then
        assertTrue(finished);
        assertEquals(8, run.dialsStarted());
        assertEquals(8, run.dialsCompleted());
        assertEquals(0, run.deliveryFailures());
        assertTrue(sim.dialer().activeDials().isEmpty());
        Map<String, List<String>> kindsByConversation = sink.received().stream()
                .map(RecordingEventSink.Received::body)
                .collect(Collectors.groupingBy(
                        CampaignRunTest::conversationId,
                        Collectors.mapping(CampaignRunTest::eventKind, Collectors.toList())));
        assertEquals(8, kindsByConversation.size());
        kindsByConversation
                .values()
                .forEach(
                        kinds -> assertEquals(List.of("preContact", "outbound", "customer.end", "postContact"), kinds));
        assertEquals(
                Map.of(LIST, 4L),
                sim.contacts().list(LIST).stream()
                        .filter(c -> !c.callRecords().isEmpty())
                        .collect(Collectors.groupingBy(StoredContact::contactListId, Collectors.counting())),
                "round robin reached every contact");
    }

    @Test
    void sameSeedGivesTheSameOutcomes() throws InterruptedException {
        // given
        CampaignRun first = sim.dialer().runCampaign(fastCampaign(3).maxDials(6).build());
        first.awaitCompletion(Duration.ofSeconds(10));
        CampaignRun second =
                sim.dialer().runCampaign(fastCampaign(3).maxDials(6).build());
        second.awaitCompletion(Duration.ofSeconds(10));

        // when
        List<DialOutcome> firstOutcomes =
                first.dials().stream().map(Dial::outcome).toList();
        List<DialOutcome> secondOutcomes =
                second.dials().stream().map(Dial::outcome).toList();

        // then
        assertEquals(6, firstOutcomes.size());
        assertEquals(firstOutcomes, secondOutcomes);
    }

    @Test
    void stopFinishesDialsInProgressSoNoContactStaysLocked() {
        // given: calls that would ring for a minute
        CampaignRun run = sim.dialer()
                .runCampaign(CampaignSettings.forList(LIST)
                        .dialsPerMinute(600)
                        .ring(DurationRange.ofSeconds(60, 60))
                        .build());
        await().atMost(Duration.ofSeconds(5)).until(() -> run.dialsStarted() >= 2);

        // when
        run.stop();

        // then
        assertFalse(run.isRunning());
        assertEquals(run.dialsStarted(), run.dialsCompleted());
        assertTrue(sim.dialer().activeDials().isEmpty());
        assertEquals(4L * run.dialsStarted(), sink.received().size());
    }

    private static CampaignSettings.Builder fastCampaign(long seed) {
        return CampaignSettings.forList(LIST)
                .dialsPerMinute(1200)
                .ring(DurationRange.ofMillis(5, 30))
                .talk(DurationRange.ofMillis(5, 30))
                .wrapup(DurationRange.ofMillis(5, 30))
                .seed(seed);
    }

    private static String conversationId(JsonNode envelope) {
        return envelope.get("eventBody").get("conversationId").asText();
    }

    private static String eventKind(JsonNode envelope) {
        String topic = envelope.get("topicName").asText();
        if (topic.endsWith(".preContact")) {
            return "preContact";
        }
        if (topic.endsWith(".postContact")) {
            return "postContact";
        }
        return topic.endsWith(".outbound") ? "outbound" : "customer.end";
    }
}
