package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates a PUT body against {@code definitions.DialerContact} of the reconstructed Genesys
 * Swagger document ({@link GenesysSpec#openApi()}). The rules are read from the document, not written here, so the
 * simulator moves with the spec: required properties, property types, {@code additionalProperties} maps, enums,
 * {@code date-time} and nested {@code $ref}s. Like Genesys's JSON binding it rejects unknown
 * property names at every level, accepts readOnly properties (their values are then ignored by
 * the store) and treats a JSON {@code null} property as absent.
 */
public final class DialerContactSchema {

    public static final String DEFINITION = "DialerContact";

    /** One rule broken by a body. */
    public record Violation(String fieldName, String errorCode, String message) {}

    private final JsonNode definitions;
    private final JsonNode dialerContact;

    /** What the upsert ({@code POST …/contacts}) takes: a DialerContact whose {@code id} is writable. */
    public static final String WRITABLE_DEFINITION = "WritableDialerContact";

    private DialerContactSchema(JsonNode definitions, String definition) {
        this.definitions = definitions;
        this.dialerContact = definitions.path(definition);
        if (!dialerContact.isObject()) {
            throw new IllegalStateException("spec has no definitions." + definition);
        }
    }

    public static DialerContactSchema load() {
        return load(DEFINITION);
    }

    /** The rules of another contact definition of the spec, e.g. {@link #WRITABLE_DEFINITION}. */
    public static DialerContactSchema load(String definition) {
        return new DialerContactSchema(GenesysSpec.openApi().path("definitions"), definition);
    }

    /** All definitions of the spec; the contract test wraps them into a JSON Schema document. */
    public JsonNode definitions() {
        return definitions.deepCopy();
    }

    public Set<String> requiredProperties() {
        Set<String> required = new LinkedHashSet<>();
        dialerContact.path("required").forEach(n -> required.add(n.asText()));
        return required;
    }

    public Set<String> readOnlyProperties() {
        Set<String> readOnly = new LinkedHashSet<>();
        dialerContact.path("properties").fields().forEachRemaining(e -> {
            if (e.getValue().path("readOnly").asBoolean(false)) {
                readOnly.add(e.getKey());
            }
        });
        return readOnly;
    }

    /** Empty when {@code body} is an acceptable DialerContact. */
    public List<Violation> violations(JsonNode body) {
        List<Violation> violations = new ArrayList<>();
        check(dialerContact, body, "", violations);
        return violations;
    }

    private void check(JsonNode schema, JsonNode value, String field, List<Violation> out) {
        JsonNode resolved = resolve(schema);
        String type = resolved.path("type").asText(resolved.has("properties") ? "object" : "");
        switch (type) {
            case "object":
                checkObject(resolved, value, field, out);
                break;
            case "array":
                if (!value.isArray()) {
                    out.add(typeMismatch(field, "array", value));
                } else {
                    int i = 0;
                    for (JsonNode item : value) {
                        check(resolved.path("items"), item, field + "[" + i++ + "]", out);
                    }
                }
                break;
            case "string":
                checkString(resolved, value, field, out);
                break;
            case "boolean":
                if (!value.isBoolean()) {
                    out.add(typeMismatch(field, "boolean", value));
                }
                break;
            case "integer":
                if (!value.isIntegralNumber()
                        || ("int32".equals(resolved.path("format").asText()) && !value.canConvertToInt())) {
                    out.add(typeMismatch(field, "integer", value));
                }
                break;
            case "number":
                if (!value.isNumber()) {
                    out.add(typeMismatch(field, "number", value));
                }
                break;
            default:
                // an untyped schema (e.g. 2018's map<string,object> values) accepts anything
                break;
        }
    }

    private void checkObject(JsonNode schema, JsonNode value, String field, List<Violation> out) {
        if (!value.isObject()) {
            out.add(typeMismatch(field, "object", value));
            return;
        }
        JsonNode properties = schema.path("properties");
        JsonNode additional = schema.path("additionalProperties");
        for (JsonNode requiredName : schema.path("required")) {
            JsonNode present = value.get(requiredName.asText());
            if (present == null || present.isNull()) {
                String name = join(field, requiredName.asText());
                out.add(new Violation(name, "missing.property", "Missing required property '" + name + "'"));
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            String name = join(field, entry.getKey());
            JsonNode propertySchema = properties.get(entry.getKey());
            if (propertySchema != null) {
                if (!entry.getValue().isNull()) {
                    check(propertySchema, entry.getValue(), name, out);
                }
            } else if (additional.isObject()) {
                // map values: a null is not a string, so it is checked like any other value
                if (entry.getValue().isNull()) {
                    out.add(typeMismatch(name, resolve(additional).path("type").asText("value"), entry.getValue()));
                } else {
                    check(additional, entry.getValue(), name, out);
                }
            } else if (!additional.asBoolean(false)) {
                out.add(new Violation(name, "unknown.property", "Unrecognized property '" + name + "'"));
            }
        }
    }

    private void checkString(JsonNode schema, JsonNode value, String field, List<Violation> out) {
        if (!value.isTextual()) {
            out.add(typeMismatch(field, "string", value));
            return;
        }
        JsonNode allowed = schema.get("enum");
        if (allowed != null) {
            boolean found = false;
            for (JsonNode a : allowed) {
                found |= a.asText().equals(value.asText());
            }
            if (!found) {
                out.add(new Violation(
                        field,
                        "invalid.value",
                        "Value '" + value.asText() + "' of '" + field + "' is not one of " + allowed));
            }
        }
        if ("date-time".equals(schema.path("format").asText())) {
            try {
                OffsetDateTime.parse(value.asText());
            } catch (DateTimeParseException e) {
                out.add(new Violation(field, "invalid.value", "'" + field + "' is not an ISO-8601 date-time"));
            }
        }
    }

    private JsonNode resolve(JsonNode schema) {
        JsonNode current = schema;
        for (int depth = 0; current.has("$ref") && depth < 20; depth++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/definitions/")) {
                throw new IllegalStateException("unsupported $ref " + ref);
            }
            current = definitions.path(ref.substring("#/definitions/".length()));
        }
        return current;
    }

    private static Violation typeMismatch(String field, String expected, JsonNode actual) {
        String shown = field.isEmpty() ? "body" : "'" + field + "'";
        return new Violation(
                field,
                "invalid.property.type",
                "Expected " + shown + " to be " + expected + " but found "
                        + actual.getNodeType().name().toLowerCase());
    }

    private static String join(String parent, String child) {
        return parent.isEmpty() ? child : parent + "." + child;
    }
}
