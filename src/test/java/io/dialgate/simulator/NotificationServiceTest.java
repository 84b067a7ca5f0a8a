package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulated notification service over real HTTP and a real WebSocket (JDK client, not dialgate's). */
class NotificationServiceTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11";
    private static final String CONTACT = "0f2b3c4d5e6f708192a3b4c5d6e7f809";
    private final HttpClient http = HttpClient.newHttpClient();
    private GenesysSimulator sim;
    private String bearer;

    @BeforeEach
    void start() {
        sim = GenesysSimulator.start(SimulatorOptions.builder().build());
        bearer = "Bearer " + new GenesysTestClient(sim).token();
        sim.contacts().put(LIST, CONTACT, Map.of("phone", "+13175550123"));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private JsonNode call(String method, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + path))
                        .header("Authorization", bearer)
                        .header("Content-Type", "application/json")
                        .method(
                                method,
                                body == null
                                        ? HttpRequest.BodyPublishers.noBody()
                                        : HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        return response.body().isEmpty() ? null : JSON.readTree(response.body());
    }

    private record Socket(WebSocket socket, BlockingQueue<JsonNode> messages) {
        JsonNode next() throws InterruptedException {
            JsonNode message = messages.poll(5, TimeUnit.SECONDS);
            assertTrue(message != null, "a message within 5 s");
            return message;
        }
    }

    private Socket connect(String uri) {
        BlockingQueue<JsonNode> messages = new LinkedBlockingQueue<>();
        WebSocket socket = http.newWebSocketBuilder()
                .buildAsync(URI.create(uri), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        try {
                            messages.add(JSON.readTree(data.toString()));
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                        webSocket.request(1);
                        return null;
                    }
                })
                .join();
        return new Socket(socket, messages);
    }

    @Test
    void aSubscribedChannelCarriesEnvelopesHeartbeatsPongsAndTheClosingWarning() throws Exception {
        sim.notifications().heartbeatInterval(Duration.ofMillis(300));
        sim.notifications().closingGrace(Duration.ofMillis(200));
        sim.notifications().rejectTopic("v2.outbound.campaigns.nope", "missing permission");
        JsonNode channel = call("POST", "/api/v2/notifications/channels", "");
        String id = channel.get("id").asText();
        JsonNode listing = call(
                "PUT",
                "/api/v2/notifications/channels/" + id + "/subscriptions",
                "[{\"id\":\"v2.outbound.voice.campaigns.contact.preContact\"},{\"id\":\"v2.outbound.campaigns.nope\"}]");
        assertEquals("Permitted", listing.get("entities").get(0).get("state").asText());
        assertEquals("Rejected", listing.get("entities").get(1).get("state").asText());
        assertEquals(
                "missing permission",
                listing.get("entities").get(1).get("rejectionReason").asText());
        Socket socket = connect(channel.get("connectUri").asText());

        sim.dialer().setDelivery(EventDelivery.WEBSOCKET);
        sim.dialer().begin(LIST, CONTACT);
        JsonNode event = socket.next();
        while (event.get("topicName").asText().equals("channel.metadata")) {
            event = socket.next();
        }
        assertEquals(
                "v2.outbound.voice.campaigns.contact.preContact",
                event.get("topicName").asText());
        assertEquals(CONTACT, event.get("eventBody").get("outboundContactId").asText());
        assertTrue(event.has("version") && event.has("metadata"));

        JsonNode heartbeat = socket.next();
        assertEquals(
                "WebSocket Heartbeat", heartbeat.get("eventBody").get("message").asText());
        sim.notifications().heartbeatInterval(Duration.ofHours(1));
        socket.socket().sendText("{\"message\":\"ping\"}", true).join();
        JsonNode pong;
        do {
            pong = socket.next();
        } while (!pong.get("eventBody").get("message").asText().equals("pong"));

        sim.notifications().socketClosing(id);
        JsonNode closing;
        do {
            closing = socket.next();
        } while (!closing.get("topicName").asText().equals("v2.system.socket_closing"));
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> !sim.notifications().sessions().get(0).open());
    }

    @Test
    void theTwentyFirstChannelEvictsTheOldestAndAnExpiredChannelIsGone() throws Exception {
        String first =
                call("POST", "/api/v2/notifications/channels", "").get("id").asText();
        for (int i = 0; i < 20; i++) {
            call("POST", "/api/v2/notifications/channels", "");
        }
        assertEquals(20, sim.notifications().channelIds().size());
        assertTrue(!sim.notifications().channelIds().contains(first), "the oldest was evicted");
        HttpResponse<Void> head = http.send(
                HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/api/v2/notifications/channels/" + first))
                        .header("Authorization", bearer)
                        .method("HEAD", HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertEquals(404, head.statusCode());

        sim.notifications().channelTtl(Duration.ofMillis(300));
        String shortLived =
                call("POST", "/api/v2/notifications/channels", "").get("id").asText();
        org.awaitility.Awaitility.await()
                .atMost(Duration.ofSeconds(5))
                .until(() -> !sim.notifications().channelIds().contains(shortLived));
    }

    @Test
    void campaignAndItsInteractionsShowTheActiveDials() throws Exception {
        sim.campaigns().define(sim.dialer().campaignId(), LIST, sim.dialer().queueId());
        sim.dialer().setDelivery(EventDelivery.WEBSOCKET);
        Dial dial = sim.dialer().begin(LIST, CONTACT);
        String campaign = "/api/v2/outbound/campaigns/" + sim.dialer().campaignId();
        JsonNode body = call("GET", campaign, null);
        assertEquals("on", body.get("campaignStatus").asText());
        assertEquals(LIST, body.get("contactList").get("id").asText());
        JsonNode interactions = call("GET", campaign + "/interactions", null);
        assertEquals(
                CONTACT,
                interactions
                        .get("proceedingInteractions")
                        .get(0)
                        .get("contact")
                        .get("id")
                        .asText());
        dial.postContact();
        assertEquals(
                List.of(),
                List.copyOf(call("GET", campaign + "/interactions", null).findValues("contact")));
    }
}
