package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Checks what the simulator produces against the Genesys spec ({@link GenesysSpec}), with an independent
 * validator (networknt, draft-04, formats asserted): every event body against its topic schema,
 * the DialerContact the API returns against {@code definitions.DialerContact}, and its error bodies against
 * {@code definitions.ErrorBody}. The schemas do not forbid extra properties, so each is also checked in a strict copy
 * with {@code additionalProperties: false} on every object, which catches misspelt field names.
 */
class GenesysContractTest {

    private static final String LIST = "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11";
    private static final String CONTACT = "0f2b3c4d5e6f708192a3b4c5d6e7f809";
    private static final Pattern CONVERSATION_TOPIC =
            Pattern.compile("^v2\\.detail\\.events\\.conversation\\.([0-9a-f-]{36})\\.(.+)$");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static JsonSchemaFactory factory;
    private static SchemaValidatorsConfig config;

    private RecordingEventSink sink;
    private GenesysSimulator sim;

    @BeforeAll
    static void createValidatorFactory() {
        factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4);
        config = SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    }

    @BeforeEach
    void start() {
        sink = new RecordingEventSink();
        sim = GenesysSimulator.start(SimulatorOptions.builder()
                .eventsSink(sink.eventsUri("acme"), "ingest")
                .build());
        Map<String, String> data = new LinkedHashMap<>();
        data.put("firstName", "Ada");
        data.put("mobilePhone", "+1 (317) 555-0123");
        sim.contacts().put(LIST, CONTACT, data);
    }

    @AfterEach
    void stop() {
        sim.close();
        sink.close();
    }

    @ParameterizedTest
    @EnumSource(DialOutcome.class)
    void everyEventBodyOfADialMatchesItsTopicSchema(DialOutcome outcome) throws IOException {
        // given
        Dial dial = sim.dialer().begin(LIST, CONTACT, outcome);
        dial.outbound();
        dial.customerEnd();
        dial.postContact();

        // when
        List<JsonNode> envelopes =
                sink.received().stream().map(RecordingEventSink.Received::body).toList();

        // then
        assertEquals(4, envelopes.size());
        for (JsonNode envelope : envelopes) {
            String topic = envelope.get("topicName").asText();
            JsonNode body = envelope.get("eventBody");
            assertEquals(Set.of(), validate(topicSchema(topic, false), body), topic);
            assertEquals(Set.of(), validate(topicSchema(topic, true), body), topic + " (no undeclared properties)");
        }
    }

    @Test
    void eventBodiesInEventBridgeEnvelopesMatchTheirTopicSchemasToo() throws IOException {
        // given
        sim.dialer().setEnvelopeStyle(EnvelopeStyle.EVENTBRIDGE);
        Dial dial = sim.dialer().begin(LIST, CONTACT);
        dial.outbound();
        dial.customerEnd();
        dial.postContact();

        // when
        List<JsonNode> events =
                sink.received().stream().map(RecordingEventSink.Received::body).toList();

        // then
        for (JsonNode event : events) {
            String topic = event.get("detail-type").asText();
            assertEquals(topic, event.get("detail").get("topicName").asText());
            assertEquals(
                    Set.of(),
                    validate(topicSchema(topic, true), event.get("detail").get("eventBody")),
                    topic);
        }
    }

    @Test
    void eventBodiesOfACampaignRunMatchTheirTopicSchemas() throws Exception {
        // given
        for (int i = 0; i < 3; i++) {
            sim.contacts().put(LIST, String.format("%032x", i + 1), Map.of("phone", "+1317555010" + i));
        }
        CampaignRun run = sim.dialer()
                .runCampaign(CampaignSettings.forList(LIST)
                        .dialsPerMinute(1200)
                        .ring(DurationRange.ofMillis(5, 20))
                        .talk(DurationRange.ofMillis(5, 20))
                        .wrapup(DurationRange.ofMillis(5, 20))
                        .maxDials(6)
                        .seed(7)
                        .build());

        // when
        assertTrue(run.awaitCompletion(Duration.ofSeconds(10)));

        // then
        assertEquals(24, sink.received().size());
        for (RecordingEventSink.Received r : sink.received()) {
            String topic = r.body().get("topicName").asText();
            assertEquals(Set.of(), validate(topicSchema(topic, true), r.body().get("eventBody")), topic);
        }
    }

    @Test
    void theContractCheckRejectsANonUuidCampaignIdSoFormatsAreReallyAsserted() throws IOException {
        // given
        Dial dial = sim.dialer().prepare(LIST, CONTACT, DialOutcome.ANSWERED);
        ObjectNode body = dial.eventBody(Dial.Step.PRE_CONTACT);
        body.put("outboundCampaignId", "campaign-1");
        body.put("eventTime", "1700000000000");

        // when
        Set<ValidationMessage> messages = validate(topicSchema(DialEvents.PRE_CONTACT_TOPIC, false), body);

        // then
        Set<String> failing =
                messages.stream().map(m -> m.getInstanceLocation().toString()).collect(Collectors.toSet());
        assertEquals(Set.of("/outboundCampaignId", "/eventTime"), failing);
    }

    @Test
    void dialerContactFromGetAndPutMatchesTheSpecDefinition() throws IOException {
        // given: a contact with every optional part filled (name, callRecords, phoneNumberStatus)
        GenesysTestClient client = new GenesysTestClient(sim);
        String token = client.token();
        Dial dial = sim.dialer().begin(LIST, CONTACT, DialOutcome.MACHINE);
        dial.postContact();
        HttpResponse<String> put = client.put(
                LIST,
                CONTACT,
                token,
                "{\"name\":\"Ada L\",\"contactListId\":\"" + LIST
                        + "\",\"data\":{\"mobilePhone\":\"+13175550123\"},\"callable\":true,"
                        + "\"phoneNumberStatus\":{\"mobilePhone\":{\"callable\":false}}}");

        // when
        JsonNode fromPut = GenesysTestClient.json(put);
        JsonNode fromGet = GenesysTestClient.json(client.get(LIST, CONTACT, token));

        // then
        assertEquals(200, put.statusCode());
        assertTrue(fromGet.get("callRecords").has("mobilePhone"));
        for (boolean strict : new boolean[] {false, true}) {
            JsonSchema schema = dialerContactSchema(strict);
            assertEquals(Set.of(), schema.validate(fromPut), "PUT response, strict=" + strict);
            assertEquals(Set.of(), schema.validate(fromGet), "GET response, strict=" + strict);
        }
    }

    @Test
    void errorBodiesOfTheApiMatchTheSpecsErrorBody() {
        // given: a 401, a 404, a 400 with details, a 409
        GenesysTestClient client = new GenesysTestClient(sim);
        String token = client.token();
        sim.dialer().begin(LIST, CONTACT, DialOutcome.ANSWERED);

        // when
        List<HttpResponse<String>> errors = List.of(
                client.getWithoutToken(LIST, CONTACT),
                client.get(LIST, "ffffffffffffffffffffffffffffffff", token),
                client.put(
                        LIST,
                        CONTACT,
                        token,
                        "{\"contactListId\":\"" + LIST + "\",\"data\":{\"a\":1},\"colour\":\"red\"}"),
                client.put(LIST, CONTACT, token, "{\"contactListId\":\"" + LIST + "\",\"data\":{\"a\":\"b\"}}"));

        // then
        assertEquals(
                List.of(401, 404, 400, 409),
                errors.stream().map(HttpResponse::statusCode).toList());
        assertEquals(2, GenesysTestClient.json(errors.get(2)).get("details").size());
        JsonSchema schema = definitionSchema("ErrorBody", true);
        for (HttpResponse<String> error : errors) {
            assertEquals(Set.of(), schema.validate(GenesysTestClient.json(error)), "status " + error.statusCode());
        }
    }

    @Test
    void simulatorValidationFollowsTheSpecsRequiredAndReadOnlyLists() {
        // given
        JsonNode definition = GenesysSpec.openApi().get("definitions").get("DialerContact");
        DialerContactSchema schema = DialerContactSchema.load();

        // when
        Set<String> required = schema.requiredProperties();
        Set<String> readOnly = schema.readOnlyProperties();

        // then
        assertEquals(Set.of("contactListId", "data"), required);
        assertEquals(required, textSet(definition.get("required")));
        assertTrue(readOnly.containsAll(Set.of("id", "callRecords", "selfUri", "dateCreated")));
        assertFalse(readOnly.contains("data"));
    }

    private static Set<ValidationMessage> validate(JsonSchema schema, JsonNode body) {
        return schema.validate(body);
    }

    private static JsonSchema topicSchema(String topic, boolean strict) {
        Matcher conversation = CONVERSATION_TOPIC.matcher(topic);
        String pattern = conversation.matches() ? "v2.detail.events.conversation.{id}." + conversation.group(2) : topic;
        JsonNode schema = GenesysSpec.topicSchema(pattern);
        return factory.getSchema(strict ? closeObjects(schema.deepCopy()) : schema, config);
    }

    private static JsonSchema dialerContactSchema(boolean strict) {
        return definitionSchema("DialerContact", strict);
    }

    private static JsonSchema definitionSchema(String definition, boolean strict) {
        JsonNode spec = GenesysSpec.openApi();
        ObjectNode document = MAPPER.createObjectNode();
        document.put("$schema", "http://json-schema.org/draft-04/schema#");
        document.put("$ref", "#/definitions/" + definition);
        document.set("definitions", spec.get("definitions").deepCopy());
        return factory.getSchema(strict ? closeObjects(document) : document, config);
    }

    /** Adds {@code additionalProperties: false} to every schema object that lists properties. */
    private static JsonNode closeObjects(JsonNode node) {
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            if (object.has("properties")
                    && object.get("properties").isObject()
                    && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            object.elements().forEachRemaining(GenesysContractTest::closeObjects);
        } else if (node.isArray()) {
            node.elements().forEachRemaining(GenesysContractTest::closeObjects);
        }
        return node;
    }

    private static Set<String> textSet(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .collect(Collectors.toSet());
    }
}
