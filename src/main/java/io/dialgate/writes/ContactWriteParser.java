package io.dialgate.writes;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a CRM write body strictly: a typo such as {@code "date"} for {@code "data"} must be an error, not a write
 * that silently changes nothing, and a number where Genesys wants a string must be refused here rather than by Genesys
 * minutes later.
 */
final class ContactWriteParser {

    private static final Set<String> FIELDS = Set.of("data", "callable", "phoneNumberStatus", "mode");
    static final int MAX_COLUMN_NAME = 256;

    private ContactWriteParser() {}

    static ContactWrite parse(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidWriteException(
                    "The body must be a JSON object with \"data\", and optionally \"callable\", "
                            + "\"phoneNumberStatus\" and \"mode\".");
        }
        return parseFields(body, FIELDS);
    }

    /** A write object, allowing the extra fields of its context (a batch item also names its contact). */
    static ContactWrite parseFields(JsonNode body, Set<String> allowed) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new InvalidWriteException("Unknown field \"" + name + "\"; allowed: "
                        + String.join(", ", new java.util.TreeSet<>(allowed)) + ".");
            }
        }
        Map<String, String> data = data(body.get("data"));
        Optional<Boolean> callable = callable(body.get("callable"));
        Map<String, Boolean> phones = phoneNumberStatus(body.get("phoneNumberStatus"));
        ContactWrite.Mode mode = mode(body.get("mode"));
        if (mode == ContactWrite.Mode.REPLACE
                && (body.get("data") == null || body.get("data").isNull())) {
            // A replace sends data as the complete columns: without it, the contact would be emptied by mistake.
            throw new InvalidWriteException("\"mode\": \"replace\" needs \"data\": the complete columns of the contact "
                    + "(send \"data\": {} to clear them all on purpose).");
        }
        if (data.isEmpty() && callable.isEmpty() && phones.isEmpty() && mode == ContactWrite.Mode.MERGE) {
            throw new InvalidWriteException("Nothing to write: give at least one column in \"data\", \"callable\" or "
                    + "\"phoneNumberStatus\".");
        }
        return new ContactWrite(data, callable, phones, mode);
    }

    private static ContactWrite.Mode mode(JsonNode node) {
        if (node == null || node.isNull()) {
            return ContactWrite.Mode.MERGE;
        }
        if (node.isTextual() && node.asText().equals("merge")) {
            return ContactWrite.Mode.MERGE;
        }
        if (node.isTextual() && node.asText().equals("replace")) {
            return ContactWrite.Mode.REPLACE;
        }
        throw new InvalidWriteException(
                "\"mode\" must be \"merge\" (set the given columns, keep the others) or \"replace\" "
                        + "(data is the complete data).");
    }

    private static Map<String, String> data(JsonNode node) {
        Map<String, String> data = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return data;
        }
        if (!node.isObject()) {
            throw new InvalidWriteException("\"data\" must be an object of column names to string values.");
        }
        node.fields().forEachRemaining(column -> {
            checkColumnName(column.getKey(), "data");
            if (!column.getValue().isTextual()) {
                throw new InvalidWriteException("data." + column.getKey() + " must be a string (Genesys stores contact "
                        + "columns as strings); got "
                        + column.getValue().getNodeType().toString().toLowerCase() + ".");
            }
            data.put(column.getKey(), column.getValue().asText());
        });
        return data;
    }

    private static Optional<Boolean> callable(JsonNode node) {
        if (node == null || node.isNull()) {
            return Optional.empty();
        }
        if (!node.isBoolean()) {
            throw new InvalidWriteException("\"callable\" must be true or false.");
        }
        return Optional.of(node.asBoolean());
    }

    private static Map<String, Boolean> phoneNumberStatus(JsonNode node) {
        Map<String, Boolean> phones = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return phones;
        }
        if (!node.isObject()) {
            throw new InvalidWriteException(
                    "\"phoneNumberStatus\" must be an object of phone columns to {\"callable\": bool}.");
        }
        node.fields().forEachRemaining(column -> {
            checkColumnName(column.getKey(), "phoneNumberStatus");
            JsonNode status = column.getValue();
            JsonNode callable = status.get("callable");
            if (!status.isObject() || status.size() != 1 || callable == null || !callable.isBoolean()) {
                throw new InvalidWriteException(
                        "phoneNumberStatus." + column.getKey() + " must be {\"callable\": true|false}.");
            }
            phones.put(column.getKey(), callable.asBoolean());
        });
        return phones;
    }

    private static void checkColumnName(String name, String where) {
        if (name.isBlank() || name.length() > MAX_COLUMN_NAME) {
            throw new InvalidWriteException(
                    "Column names in \"" + where + "\" must be 1-" + MAX_COLUMN_NAME + " characters and not blank.");
        }
    }
}
