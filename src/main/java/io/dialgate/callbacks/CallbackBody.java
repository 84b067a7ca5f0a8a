package io.dialgate.callbacks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The JSON body of a callback, in the Standard Webhooks payload shape {@code {"type", "timestamp", "data"}}. Built from
 * the stored event alone, so every attempt of one event sends the same bytes. The scripts store times as epoch
 * milliseconds; fields named {@code ...At} go out as ISO-8601 instants, like the rest of the API.
 */
final class CallbackBody {

    private CallbackBody() {}

    static byte[] of(QueuedCallback event, ObjectMapper json) {
        ObjectNode body = json.createObjectNode();
        body.put("type", event.type());
        body.put("timestamp", Instant.ofEpochMilli(event.at()).toString());
        body.set("data", data(event.dataJson(), json));
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain JSON nodes always serializes", e);
        }
    }

    private static JsonNode data(String stored, ObjectMapper json) {
        JsonNode data;
        try {
            data = json.readTree(stored);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The scripts store data with cjson.encode; it is JSON", e);
        }
        if (data instanceof ObjectNode object) {
            List<String> times = new ArrayList<>();
            object.fieldNames().forEachRemaining(name -> {
                if (name.endsWith("At") && object.get(name).isNumber()) {
                    times.add(name);
                }
            });
            times.forEach(name -> object.put(
                    name, Instant.ofEpochMilli(object.get(name).asLong()).toString()));
        }
        return data;
    }
}
