package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixtures hold together on their own: what the simulator, the contract tests and the planned work read is there. */
class GenesysSpecTest {

    private static final String CONTACT_LISTS = "/api/v2/outbound/contactlists/{contactListId}";
    private static final String CHANNELS = "/api/v2/notifications/channels";
    private static final String CAMPAIGN = "/api/v2/outbound/campaigns/{campaignId}";

    @Test
    void theOperationsDialgateCallsAndThePlannedWorkNeedsAreCarried() {
        // given
        Map<String, Set<String>> expected = Map.of(
                CONTACT_LISTS + "/contacts/{contactId}",
                Set.of("get", "put"),
                CONTACT_LISTS + "/contacts",
                Set.of("post"),
                CONTACT_LISTS + "/contacts/bulk",
                Set.of("post"),
                CHANNELS,
                Set.of("post"),
                CHANNELS + "/{channelId}",
                Set.of("head"),
                CHANNELS + "/{channelId}/subscriptions",
                Set.of("get", "put", "post", "delete"),
                CAMPAIGN,
                Set.of("get"),
                CAMPAIGN + "/interactions",
                Set.of("get"));

        // when
        JsonNode paths = GenesysSpec.openApi().path("paths");

        // then
        expected.forEach((path, methods) -> assertEquals(methods, names(paths.path(path)), path));
    }

    @Test
    void everyReferenceInTheOpenApiFixtureResolvesWithinIt() {
        // given
        JsonNode document = GenesysSpec.openApi();
        List<String> references = new ArrayList<>();
        collectReferences(document, references);

        // when
        Set<String> unresolved = references.stream()
                .filter(ref -> !ref.startsWith("#/definitions/")
                        || document.at(ref.substring(1)).isMissingNode())
                .collect(Collectors.toCollection(TreeSet::new));

        // then
        assertTrue(references.size() > 100, "references found: " + references.size());
        assertEquals(Set.of(), unresolved);
    }

    @Test
    void everyIndexedTopicHasItsOwnSchemaOfTheIndexedClass() {
        // given
        JsonNode index = GenesysSpec.topicIndex();

        // when
        Set<String> mismatched = new TreeSet<>();
        index.fields().forEachRemaining(entry -> {
            JsonNode schema = GenesysSpec.topicSchema(entry.getKey());
            String eventClass = entry.getValue().path("class").asText();
            boolean own = entry.getKey().equals(schema.path("title").asText())
                    && ("#/definitions/" + eventClass)
                            .equals(schema.path("$ref").asText())
                    && "object"
                            .equals(schema.path("definitions")
                                    .path(eventClass)
                                    .path("type")
                                    .asText());
            if (!own) {
                mismatched.add(entry.getKey());
            }
        });

        // then
        assertTrue(index.size() >= 21, "topics indexed: " + index.size());
        assertEquals(Set.of(), mismatched);
    }

    @Test
    void theFixtureFolderHoldsOnlyFilesTheAgreementTestCompares() throws IOException, URISyntaxException {
        // given
        Path root = Path.of(
                GenesysSpec.class.getClassLoader().getResource(GenesysSpec.ROOT).toURI());
        Set<String> compared = new TreeSet<>(
                Set.of("README.md", GenesysSpec.OPENAPI, GenesysSpec.TOPIC_INDEX, GenesysSpec.TOPIC_MAPPINGS));
        GenesysSpec.topicIndex()
                .forEach(entry -> compared.add("topics/" + entry.path("file").asText()));

        // when
        Set<String> present;
        try (Stream<Path> files = Files.walk(root)) {
            present = files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        // then
        assertEquals(compared, present);
    }

    @Test
    void aTopicWithoutASchemaFailsNamingTheTopic() {
        // when
        IllegalArgumentException failure =
                assertThrows(IllegalArgumentException.class, () -> GenesysSpec.topicSchema("v2.system.socket_closing"));

        // then
        assertTrue(failure.getMessage().contains("no schema for topic v2.system.socket_closing"), failure.getMessage());
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.has("$ref")) {
            references.add(node.get("$ref").asText());
        }
        node.elements().forEachRemaining(child -> collectReferences(child, references));
    }
}
