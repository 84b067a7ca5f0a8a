package io.dialgate.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.RedisSnapshot;
import io.dialgate.testing.TestTenants;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and hostile bodies on the events endpoint: never a 5xx, never a change of state. The bodies are valid
 * events broken one field at a time, plus bodies that are not events at all, chosen from a seed (printed on failure).
 */
@QuarkusTest
class HostileEventsFuzzTest {

    private static final int BODIES = 300;

    @Inject
    RedisDataSource redis;

    private final DialgateClient acme = DialgateClient.acme();
    private final String list = TestTenants.newListId();

    @Test
    void hostileBodiesNeverCauseA5xxNorAStateChange() {
        long seed = Long.getLong("dialgate.fuzz.seed", System.nanoTime());
        Random random = new Random(seed);
        Map<String, String> before = RedisSnapshot.of(redis, list);
        for (int i = 0; i < BODIES; i++) {
            byte[] body = hostileBody(random);
            int status = given().header("Authorization", "Bearer " + TestTenants.ACME_INGEST_TOKEN)
                    .contentType(ContentType.JSON).body(body).post(acme.eventsPath()).statusCode();
            String shown = new String(body, 0, Math.min(body.length, 200), StandardCharsets.UTF_8);
            assertTrue(status == 202 || status == 400 || status == 413,
                    "seed " + seed + ": status " + status + " for " + shown);
        }
        Map<String, String> after = RedisSnapshot.of(redis, list);
        assertTrue(before.equals(after), "seed " + seed + ": state changed; keys now " + after.keySet());
    }

    private byte[] hostileBody(Random random) {
        int kind = random.nextInt(4);
        if (kind == 0) {
            return notJson(random);
        }
        ObjectNode event = brokenEvent(random);
        String text = random.nextBoolean() ? event.toString() : GenesysEvents.eventBridge(event).toString();
        if (kind == 1) {
            text = "[" + text + "," + text + "]";
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private byte[] notJson(Random random) {
        List<byte[]> bodies = List.of(
                randomBytes(random),
                "{\"topicName\": \"v2.outbound.voice.campaigns.contact.preContact\", \"eventBody\": {".getBytes(),
                ("[".repeat(5_000) + "]".repeat(5_000)).getBytes(),
                "true".getBytes(), "42".getBytes(), "\"x\"".getBytes(), "null".getBytes(), new byte[0],
                "[1, \"two\", null, [], {}]".getBytes(),
                "{\"topicName\": 12, \"eventBody\": {}}".getBytes(),
                "{\"topicName\": \"v2.outbound.voice.campaigns.contact.preContact\", \"eventBody\": []}".getBytes(),
                "{\"detail-type\": \"x\", \"detail\": \"not an object\"}".getBytes(),
                ("{\"topicName\": \"" + "v2.".repeat(20_000) + "\", \"eventBody\": {}}").getBytes(),
                "{\"eventBody\": {\"eventTime\": 1e400}}".getBytes(),
                "\uFEFF{\"topicName\":\"\u0000\",\"eventBody\":{}}".getBytes(StandardCharsets.UTF_8));
        return bodies.get(random.nextInt(bodies.size()));
    }

    private static byte[] randomBytes(Random random) {
        byte[] bytes = new byte[1 + random.nextInt(2_000)];
        random.nextBytes(bytes);
        return bytes;
    }

    /** A valid event of a used topic with one field broken so that it cannot be applied. */
    private ObjectNode brokenEvent(Random random) {
        String contact = TestTenants.newContactId();
        String conversation = UUID.randomUUID().toString();
        long time = System.currentTimeMillis();
        List<ObjectNode> valid = List.of(
                GenesysEvents.preContact(list, contact, conversation, time),
                GenesysEvents.postContact(list, contact, conversation, time),
                GenesysEvents.outbound(list, contact, conversation, time));
        ObjectNode event = valid.get(random.nextInt(valid.size())).deepCopy();
        ObjectNode body = (ObjectNode) event.get("eventBody");
        List<Consumer<ObjectNode>> breakers = new ArrayList<>(List.of(
                b -> b.remove("outboundContactId"),
                b -> b.put("outboundContactId", 12345),
                b -> b.putObject("outboundContactId").put("id", contact),
                b -> b.put("outboundContactId", ""),
                b -> b.putNull("outboundContactListId"),
                b -> b.putArray("outboundContactListId").add(list),
                b -> b.put("eventTime", "yesterday"),
                b -> b.put("eventTime", 1.5),
                b -> b.put("eventTime", new java.math.BigInteger("99999999999999999999999")),
                b -> b.put("eventTime", true)));
        breakers.get(random.nextInt(breakers.size())).accept(body);
        return event;
    }
}
