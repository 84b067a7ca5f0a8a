package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Genesys contract the simulator and the contract tests work from: a cut of the Genesys spec carried on the test
 * classpath (src/test/resources/genesys; its README says where each file comes from), so a clone needs nothing beside
 * it. {@code GenesysSpecAgreementTest} checks the cut against the full spec when that is at hand.
 */
public final class GenesysSpec {

    /** Classpath folder of the fixtures. */
    public static final String ROOT = "genesys/";
    /** The Swagger 2.0 document, relative to {@link #ROOT}. */
    public static final String OPENAPI = "openapi-outbound-subset.sdk-reconstructed.json";
    /** Topic name pattern to schema file, relative to {@link #ROOT}. */
    public static final String TOPIC_INDEX = "topics/index.json";
    /** Topic name pattern to SDK class, for every topic carried and the channel's system topics. */
    public static final String TOPIC_MAPPINGS = "topics/notificationMappings.sdk-dotnet-270.0.0.json";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private GenesysSpec() {}

    /** The Swagger 2.0 document: the carried operations under {@code paths}, what they reference under {@code definitions}. */
    public static JsonNode openApi() {
        return read(OPENAPI);
    }

    /** {@code topics} of the index: each topic pattern ({@code v2.users.{id}.conversations}) with its class and file. */
    public static JsonNode topicIndex() {
        return read(TOPIC_INDEX).path("topics");
    }

    /** The draft-04 JSON Schema of a topic's {@code eventBody}; the topic as its pattern, e.g. {@code v2.users.{id}.conversations}. */
    public static JsonNode topicSchema(String topicPattern) {
        JsonNode entry = topicIndex().get(topicPattern);
        if (entry == null) {
            throw new IllegalArgumentException("no schema for topic " + topicPattern + " in " + ROOT + TOPIC_INDEX
                    + " (scripts/refresh-genesys-fixtures.py carries more)");
        }
        return read("topics/" + entry.path("file").asText());
    }

    /** A fixture file as JSON, by its path under {@link #ROOT}. */
    public static JsonNode read(String relativePath) {
        String resource = ROOT + relativePath;
        try (InputStream in = GenesysSpec.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Genesys spec fixture " + resource + " is not on the classpath");
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Genesys spec fixture " + resource, e);
        }
    }
}
