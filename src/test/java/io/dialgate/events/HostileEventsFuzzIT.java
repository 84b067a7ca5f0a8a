package io.dialgate.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.PackagedDialgate;
import io.dialgate.testing.RedisSnapshot;
import io.dialgate.testing.TestTenants;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.lifecycle.AddLifecycleHook;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Malformed and hostile bodies on the events endpoint: never a 5xx, never a change of state. The bodies are valid
 * events broken one field at a time, plus bodies that are not events at all.
 *
 * <p>A jqwik property against the packaged app ({@link PackagedDialgate}), since jqwik properties do not run inside a
 * {@code @QuarkusTest}. On a failure jqwik shrinks the body (random bytes to the fewest that still fail, a broken
 * event to the first template and breaker that still fail) and reports it with its seed; replay one with
 * {@code @Property(seed = "...")}.
 */
@AddLifecycleHook(PackagedDialgate.Resolver.class)
class HostileEventsFuzzIT {

    private final String list = TestTenants.newListId();

    /** A body the events endpoint must refuse or ignore without storing anything. */
    sealed interface HostileBody {

        byte[] bytes(String list);
    }

    /** Bytes that are not JSON at all. */
    record RandomBytes(byte[] content) implements HostileBody {

        @Override
        public byte[] bytes(String list) {
            return content;
        }

        @Override
        public String toString() {
            return "RandomBytes[" + content.length + " bytes: "
                    + HexFormat.of().formatHex(content, 0, Math.min(content.length, 64))
                    + (content.length > 64 ? "…" : "") + "]";
        }
    }

    /** JSON, or nearly, of the wrong shape or size. */
    enum NotAnEvent implements HostileBody {
        TRUNCATED("{\"topicName\": \"v2.outbound.voice.campaigns.contact.preContact\", \"eventBody\": {"),
        DEEP_NESTING("[".repeat(5_000) + "]".repeat(5_000)),
        TRUE("true"),
        NUMBER("42"),
        STRING("\"x\""),
        NULL("null"),
        EMPTY(""),
        ARRAY_OF_NON_EVENTS("[1, \"two\", null, [], {}]"),
        NUMERIC_TOPIC("{\"topicName\": 12, \"eventBody\": {}}"),
        ARRAY_BODY("{\"topicName\": \"v2.outbound.voice.campaigns.contact.preContact\", \"eventBody\": []}"),
        EVENTBRIDGE_DETAIL_NOT_AN_OBJECT("{\"detail-type\": \"x\", \"detail\": \"not an object\"}"),
        HUGE_TOPIC("{\"topicName\": \"" + "v2.".repeat(20_000) + "\", \"eventBody\": {}}"),
        OVERFLOWING_TIME("{\"eventBody\": {\"eventTime\": 1e400}}"),
        BOM_AND_NUL("\uFEFF{\"topicName\":\"\u0000\",\"eventBody\":{}}");

        private final String text;

        NotAnEvent(String text) {
            this.text = text;
        }

        @Override
        public byte[] bytes(String list) {
            return text.getBytes(StandardCharsets.UTF_8);
        }
    }

    /** A valid event of a used topic. */
    enum Template {
        PRE_CONTACT,
        POST_CONTACT,
        OUTBOUND;

        ObjectNode event(String list, String contact, String conversation, long time) {
            return switch (this) {
                case PRE_CONTACT -> GenesysEvents.preContact(list, contact, conversation, time);
                case POST_CONTACT -> GenesysEvents.postContact(list, contact, conversation, time);
                case OUTBOUND -> GenesysEvents.outbound(list, contact, conversation, time);
            };
        }
    }

    /** One field of an event body broken so that the event cannot be applied. */
    enum Breaker {
        NO_CONTACT_ID((body, list, contact) -> body.remove("outboundContactId")),
        NUMERIC_CONTACT_ID((body, list, contact) -> body.put("outboundContactId", 12345)),
        OBJECT_CONTACT_ID(
                (body, list, contact) -> body.putObject("outboundContactId").put("id", contact)),
        EMPTY_CONTACT_ID((body, list, contact) -> body.put("outboundContactId", "")),
        NULL_LIST_ID((body, list, contact) -> body.putNull("outboundContactListId")),
        ARRAY_LIST_ID(
                (body, list, contact) -> body.putArray("outboundContactListId").add(list)),
        TEXT_TIME((body, list, contact) -> body.put("eventTime", "yesterday")),
        FRACTIONAL_TIME((body, list, contact) -> body.put("eventTime", 1.5)),
        HUGE_TIME((body, list, contact) -> body.put("eventTime", new BigInteger("99999999999999999999999"))),
        BOOLEAN_TIME((body, list, contact) -> body.put("eventTime", true));

        /** Breaks a field of the event body of a contact of the list. */
        interface Breaks {
            void apply(ObjectNode body, String list, String contact);
        }

        private final Breaks breaks;

        Breaker(Breaks breaks) {
            this.breaks = breaks;
        }
    }

    /** A valid event with one field broken, as a notification or in an EventBridge envelope, alone or twice. */
    record BrokenEvent(Template template, Breaker breaker, boolean bridged, boolean twice) implements HostileBody {

        @Override
        public byte[] bytes(String list) {
            String contact = TestTenants.newContactId();
            ObjectNode event = template.event(list, contact, UUID.randomUUID().toString(), System.currentTimeMillis());
            breaker.breaks.apply((ObjectNode) event.get("eventBody"), list, contact);
            String text = bridged ? GenesysEvents.eventBridge(event).toString() : event.toString();
            return (twice ? "[" + text + "," + text + "]" : text).getBytes(StandardCharsets.UTF_8);
        }
    }

    @Property(tries = 300)
    void aHostileBodyNeverCausesA5xxNorAStateChange(
            PackagedDialgate app, @ForAll("hostileBodies") HostileBody hostile) {
        DialgateClient acme = app.acme();
        Map<String, String> before = RedisSnapshot.of(app.redis(), list);

        int status =
                acme.relay().body(hostile.bytes(list)).post(acme.eventsPath()).statusCode();

        assertTrue(status == 202 || status == 400 || status == 413, "status " + status);
        assertEquals(before, RedisSnapshot.of(app.redis(), list), "the body changed what is stored");
    }

    @Provide
    Arbitrary<HostileBody> hostileBodies() {
        Arbitrary<HostileBody> randomBytes = Arbitraries.bytes()
                .array(byte[].class)
                .ofMinSize(1)
                .ofMaxSize(2_000)
                .map(RandomBytes::new);
        Arbitrary<HostileBody> notEvents = Arbitraries.frequencyOf(
                Tuple.of(1, randomBytes), Tuple.of(NotAnEvent.values().length, Arbitraries.of(NotAnEvent.class)));
        Arbitrary<HostileBody> brokenEvents = Combinators.combine(
                        Arbitraries.of(Template.class),
                        Arbitraries.of(Breaker.class),
                        Arbitraries.of(false, true),
                        Arbitraries.frequency(Tuple.of(2, false), Tuple.of(1, true)))
                .as(BrokenEvent::new);
        return Arbitraries.frequencyOf(Tuple.of(1, notEvents), Tuple.of(3, brokenEvents));
    }
}
