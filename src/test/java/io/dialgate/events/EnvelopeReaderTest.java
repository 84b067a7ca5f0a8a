package io.dialgate.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvelopeReaderTest {

    private final ObjectMapper json = new ObjectMapper();

    private JsonNode parse(String text) throws Exception {
        return json.readTree(text);
    }

    private static Notification unwrapped(EnvelopeReader.Result result) {
        return assertInstanceOf(EnvelopeReader.Result.Unwrapped.class, result).notification();
    }

    private static String problem(EnvelopeReader.Result result) {
        return assertInstanceOf(EnvelopeReader.Result.Invalid.class, result).problem();
    }

    @Test
    void readsAGenesysNotification() throws Exception {
        EnvelopeReader.Result result = EnvelopeReader.read(
                parse(
                        "{\"topicName\":\"t.x\",\"version\":\"2\",\"eventBody\":{\"a\":1},\"metadata\":{\"CorrelationId\":\"c\"}}"));
        assertEquals("t.x", unwrapped(result).topicName());
        assertEquals(1, unwrapped(result).eventBody().get("a").asInt());
    }

    @Test
    void readsAnEventBridgeEventFromItsDetail() throws Exception {
        EnvelopeReader.Result result = EnvelopeReader.read(
                parse(
                        "{\"version\":\"0\",\"id\":\"e1\",\"detail-type\":\"t.y\","
                                + "\"source\":\"aws.partner/genesys.com/cloud/o/i\",\"time\":\"2026-01-01T00:00:00Z\","
                                + "\"detail\":{\"topicName\":\"t.y\",\"eventBody\":{},\"timestamp\":\"2026-01-01T00:00:01Z\"}}"));
        Notification notification = unwrapped(result);
        assertEquals("t.y", notification.topicName());
        assertEquals("2026-01-01T00:00:01Z", notification.envelopeTime().orElseThrow());
    }

    @Test
    void refusesAnObjectThatIsNeitherEnvelope() throws Exception {
        EnvelopeReader.Result result = EnvelopeReader.read(parse("{\"hello\":\"world\"}"));
        assertTrue(problem(result).startsWith("neither a Genesys notification"));
    }

    @Test
    void refusesANotificationWhoseEventBodyIsNotAnObject() throws Exception {
        EnvelopeReader.Result result = EnvelopeReader.read(parse("{\"topicName\":\"t\",\"eventBody\":\"x\"}"));
        assertEquals("notification: eventBody must be a JSON object", problem(result));
    }
}
