package io.dialgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The committed OpenAPI document ({@code docs/openapi.yaml}) read for checks: which operation a request is, what it
 * declares, and whether a JSON value matches one of its schemas (JSON Schema 2020-12, the dialect of OpenAPI 3.1).
 */
public final class OpenApiDocument {

    public static final Path COMMITTED = Path.of("docs/openapi.yaml");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

    private final JsonNode root;
    private final List<PathTemplate> templates = new ArrayList<>();

    /** One path of the document, as a pattern that matches raw request paths (a colon may come percent-encoded). */
    private record PathTemplate(String template, Pattern pattern) {
        static PathTemplate of(String template) {
            StringBuilder regex = new StringBuilder();
            for (String part : template.split("(?=\\{)|(?<=\\})")) {
                if (part.startsWith("{")) {
                    regex.append("[^/]+?");
                } else {
                    for (String literal : part.split(":", -1)) {
                        regex.append(Pattern.quote(literal)).append("(?::|%3[Aa])");
                    }
                    regex.setLength(regex.length() - "(?::|%3[Aa])".length());
                }
            }
            return new PathTemplate(template, Pattern.compile(regex.toString()));
        }
    }

    private OpenApiDocument(JsonNode root) {
        this.root = root;
        root.path("paths").fieldNames().forEachRemaining(path -> templates.add(PathTemplate.of(path)));
    }

    public static OpenApiDocument committed() {
        try {
            return new OpenApiDocument(YAML.readTree(COMMITTED.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + COMMITTED, e);
        }
    }

    /** Every operation as {@code "<method> <path template>"}. */
    public Set<String> operations() {
        Set<String> operations = new LinkedHashSet<>();
        root.path("paths")
                .fields()
                .forEachRemaining(path -> path.getValue()
                        .fieldNames()
                        .forEachRemaining(method -> operations.add(method + " " + path.getKey())));
        return operations;
    }

    /** The operation a request is, by method and raw path: {@code "<method> <path template>"}. */
    public Optional<String> operationOf(String method, String rawPath) {
        for (PathTemplate template : templates) {
            if (template.pattern().matcher(rawPath).matches()
                    && root.path("paths").path(template.template()).has(method.toLowerCase())) {
                return Optional.of(method.toLowerCase() + " " + template.template());
            }
        }
        return Optional.empty();
    }

    /** Whether some path of the document matches the raw path (whatever the method). */
    public boolean hasPath(String rawPath) {
        return templates.stream().anyMatch(t -> t.pattern().matcher(rawPath).matches());
    }

    public JsonNode operation(String operation) {
        String[] parts = operation.split(" ", 2);
        return root.path("paths").path(parts[1]).path(parts[0]);
    }

    public List<String> responseCodes(String operation) {
        List<String> codes = new ArrayList<>();
        operation(operation).path("responses").fieldNames().forEachRemaining(codes::add);
        return codes;
    }

    /** The declared response for a status (or {@code default}), its {@code $ref} followed. */
    public Optional<JsonNode> response(String operation, int status) {
        JsonNode responses = operation(operation).path("responses");
        JsonNode response = responses.has(String.valueOf(status))
                ? responses.get(String.valueOf(status))
                : responses.get("default");
        return Optional.ofNullable(response).map(this::resolve);
    }

    /** The request body's schema for a media type, if the operation declares one. */
    public Optional<JsonNode> requestSchema(String operation, String mediaType) {
        return Optional.ofNullable(resolve(operation(operation).path("requestBody"))
                .path("content")
                .path(mediaType)
                .get("schema"));
    }

    /** What is wrong with a value against a schema of this document (its {@code $ref}s resolve in the document). */
    public Set<ValidationMessage> violations(JsonNode schema, JsonNode value) {
        ObjectNode rooted = root.deepCopy();
        rooted.retain("components");
        ArrayNode allOf = rooted.putArray("allOf");
        allOf.add(schema);
        JsonSchema validator = SCHEMAS.getSchema(rooted);
        return validator.validate(value);
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode ref = node.get("$ref");
        if (ref == null) {
            return node;
        }
        return resolve(root.at(ref.asText().substring(1)));
    }
}
