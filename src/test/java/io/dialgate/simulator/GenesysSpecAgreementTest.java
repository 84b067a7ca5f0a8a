package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The fixtures in src/test/resources/genesys are a cut of the shared Genesys spec, not a rewrite: every operation,
 * definition, topic index entry and topic schema they carry equals the shared spec's, and every topic-to-class mapping
 * is one of its entries. Field names, types, enum values, paths and parameters are all compared. Runs when the shared
 * spec is at hand ({@code ../shared/genesys-spec} beside the project, or {@code -D}{@value #SPEC_DIR_PROPERTY});
 * a clone without it skips the comparison and says so.
 */
class GenesysSpecAgreementTest {

    /** Overrides where the shared spec is looked for. */
    private static final String SPEC_DIR_PROPERTY = "dialgate.genesys-spec-dir";

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String CONTACT_PATH = "/api/v2/outbound/contactlists/{contactListId}/contacts/{contactId}";
    /** How much of a differing value a message shows. */
    private static final int SHOWN_CHARS = 200;

    @Test
    void theOpenApiFixtureCarriesOperationsAndDefinitionsExactlyAsTheSharedSpecHasThem() throws IOException {
        // given
        JsonNode shared = readShared(GenesysSpec.OPENAPI);

        // when
        List<String> differences = openApiDifferences(GenesysSpec.openApi(), shared);

        // then
        assertEquals(List.of(), differences);
    }

    @Test
    void theTopicIndexAndEveryTopicSchemaEqualTheSharedSpecs() throws IOException {
        // given
        JsonNode sharedIndex = readShared(GenesysSpec.TOPIC_INDEX);
        List<String> differences = new ArrayList<>();

        // when
        JsonNode fixtureIndex = GenesysSpec.read(GenesysSpec.TOPIC_INDEX);
        carried("", fixtureIndex, sharedIndex, Set.of("topics"), differences);
        carried("/topics", fixtureIndex.path("topics"), sharedIndex.path("topics"), Set.of(), differences);
        for (JsonNode entry : fixtureIndex.path("topics")) {
            String file = "topics/" + entry.path("file").asText();
            same("/" + file, GenesysSpec.read(file), readShared(file), differences);
        }

        // then
        assertEquals(List.of(), differences);
    }

    @Test
    void everyTopicMappingIsAnEntryOfTheSharedSdkMap() throws IOException {
        // given
        JsonNode shared = readShared(GenesysSpec.TOPIC_MAPPINGS);

        // when
        List<String> differences = mappingDifferences(GenesysSpec.read(GenesysSpec.TOPIC_MAPPINGS), shared);

        // then
        assertEquals(List.of(), differences);
    }

    @Test
    void theComparisonReportsAChangedTypeAnAddedFieldAndADroppedEnumValue() {
        // given: the shared spec as it would read after Genesys changed three facts
        JsonNode fixture = GenesysSpec.openApi();
        ObjectNode shared = (ObjectNode) fixture.deepCopy();
        ObjectNode definitions = (ObjectNode) shared.get("definitions");
        ((ObjectNode) definitions.at("/DialerContact/properties/callable")).put("type", "string");
        ((ObjectNode) definitions.at("/DialerContact/properties"))
                .putObject("version")
                .put("type", "integer");
        ((ArrayNode) definitions.at("/ContactColumnTimeZone/properties/columnType/enum")).remove(1);

        // when
        List<String> differences = openApiDifferences(fixture, shared);

        // then
        assertEquals(
                List.of(
                        "/definitions/ContactColumnTimeZone/properties/columnType/enum: fixture [\"PHONE\",\"ZIP\"], shared [\"PHONE\"]",
                        "/definitions/DialerContact/properties/callable/type: fixture \"boolean\", shared \"string\"",
                        "/definitions/DialerContact/properties/version: missing from the fixture"),
                differences);
    }

    @Test
    void theComparisonReportsAnOperationOrParameterTheSharedSpecLacks() {
        // given
        JsonNode fixture = GenesysSpec.openApi();
        ObjectNode shared = (ObjectNode) fixture.deepCopy();
        ((ObjectNode) shared.get("paths").get(CONTACT_PATH)).remove("put");
        String upsert = "/api/v2/outbound/contactlists/{contactListId}/contacts";
        ((ObjectNode) shared.get("paths")
                        .get(upsert)
                        .get("post")
                        .get("parameters")
                        .get(2))
                .put("name", "priorityX");

        // when
        List<String> differences = openApiDifferences(fixture, shared);

        // then
        assertEquals(
                List.of(
                        "/paths/~1api~1v2~1outbound~1contactlists~1{contactListId}~1contacts~1{contactId}/put: not in the shared spec",
                        "/paths/~1api~1v2~1outbound~1contactlists~1{contactListId}~1contacts/post/parameters/2/name:"
                                + " fixture \"priority\", shared \"priorityX\""),
                differences);
    }

    @Test
    void theComparisonReportsATopicMappingTheSharedMapLacks() {
        // given
        JsonNode fixture = GenesysSpec.read(GenesysSpec.TOPIC_MAPPINGS);
        ObjectNode shared = (ObjectNode) fixture.deepCopy();
        ((ObjectNode) shared.get("notifications").get(0)).put("class", "SomethingElse");

        // when
        List<String> differences = mappingDifferences(fixture, shared);

        // then
        assertEquals(
                List.of("/notifications/0: not in the shared spec: "
                        + fixture.get("notifications").get(0)),
                differences);
    }

    /** The shared spec's folder: {@value #SPEC_DIR_PROPERTY} if set, else {@code ../shared/genesys-spec} beside the project. */
    private static Path sharedSpecDir() {
        String configured = System.getProperty(SPEC_DIR_PROPERTY, "");
        Path projectDir = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        return (configured.isBlank() ? projectDir.resolve("../shared/genesys-spec") : Path.of(configured))
                .toAbsolutePath()
                .normalize();
    }

    private static JsonNode readShared(String relativePath) throws IOException {
        Path dir = sharedSpecDir();
        assumeTrue(
                Files.isDirectory(dir),
                "the shared Genesys spec is not at " + dir + ", so the fixtures in"
                        + " src/test/resources/genesys are not compared with it (-D" + SPEC_DIR_PROPERTY
                        + "=<dir> points"
                        + " elsewhere)");
        return MAPPER.readTree(dir.resolve(relativePath).toFile());
    }

    /** Top-level members equal; {@code paths} and {@code definitions} carried in part, each carried one equal. */
    private static List<String> openApiDifferences(JsonNode fixture, JsonNode shared) {
        List<String> differences = new ArrayList<>();
        carried("", fixture, shared, Set.of("paths", "definitions"), differences);
        fixture.path("paths")
                .fields()
                .forEachRemaining(path -> carried(
                        "/paths/" + escape(path.getKey()),
                        path.getValue(),
                        shared.path("paths").path(path.getKey()),
                        Set.of(),
                        differences));
        carried("/definitions", fixture.path("definitions"), shared.path("definitions"), Set.of(), differences);
        return differences;
    }

    /** Members other than {@code notifications} equal; each {@code notifications} entry one of shared's. */
    private static List<String> mappingDifferences(JsonNode fixture, JsonNode shared) {
        List<String> differences = new ArrayList<>();
        carried("", fixture, shared, Set.of("notifications"), differences);
        Set<JsonNode> sharedEntries = new HashSet<>();
        shared.path("notifications").forEach(sharedEntries::add);
        JsonNode entries = fixture.path("notifications");
        for (int i = 0; i < entries.size(); i++) {
            if (!sharedEntries.contains(entries.get(i))) {
                differences.add("/notifications/" + i + ": not in the shared spec: " + entries.get(i));
            }
        }
        return differences;
    }

    /** Each member of {@code fixture} is in {@code shared} and equal to it, except those named in {@code partial}. */
    private static void carried(
            String pointer, JsonNode fixture, JsonNode shared, Set<String> partial, List<String> differences) {
        fixture.fields().forEachRemaining(member -> {
            if (!partial.contains(member.getKey())) {
                same(
                        pointer + "/" + escape(member.getKey()),
                        member.getValue(),
                        shared.path(member.getKey()),
                        differences);
            }
        });
    }

    /** Reports where {@code fixture} and {@code shared} differ, down to the deepest differing member. */
    private static void same(String pointer, JsonNode fixture, JsonNode shared, List<String> differences) {
        if (fixture.equals(shared)) {
            return;
        }
        if (shared.isMissingNode()) {
            differences.add(pointer + ": not in the shared spec");
        } else if (fixture.isObject() && shared.isObject()) {
            fixture.fieldNames()
                    .forEachRemaining(name ->
                            same(pointer + "/" + escape(name), fixture.get(name), shared.path(name), differences));
            shared.fieldNames().forEachRemaining(name -> {
                if (!fixture.has(name)) {
                    differences.add(pointer + "/" + escape(name) + ": missing from the fixture");
                }
            });
        } else if (fixture.isArray() && shared.isArray() && fixture.size() == shared.size()) {
            for (int i = 0; i < fixture.size(); i++) {
                same(pointer + "/" + i, fixture.get(i), shared.get(i), differences);
            }
        } else {
            differences.add(pointer + ": fixture " + shown(fixture) + ", shared " + shown(shared));
        }
    }

    private static String shown(JsonNode value) {
        String text = value.toString();
        return text.length() <= SHOWN_CHARS ? text : text.substring(0, SHOWN_CHARS) + "…";
    }

    /** JSON Pointer escaping (RFC 6901), so a path such as {@code /api/v2/...} stays one segment. */
    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
