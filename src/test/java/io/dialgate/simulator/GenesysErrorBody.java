package io.dialgate.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The error document the Genesys Cloud Platform API returns for every non-2xx answer
 * ({@code ErrorBody} in the Platform API). The simulator uses it everywhere so dialgate's
 * error parsing is exercised against the real shape, including {@code messageWithParams}.
 *
 * @param contextId the request's correlation id; Genesys echoes it in the {@code ININ-Correlation-Id} header
 * @param details   Genesys {@code Detail} objects ({@code errorCode}, {@code fieldName}, ...), kept as JSON
 */
public record GenesysErrorBody(
        String message,
        String code,
        int status,
        String messageWithParams,
        Map<String, String> messageParams,
        String contextId,
        List<ObjectNode> details,
        List<ObjectNode> errors) {

    public GenesysErrorBody {
        messageParams = Map.copyOf(messageParams);
        details = List.copyOf(details);
        errors = List.copyOf(errors);
    }

    public static GenesysErrorBody of(int status, String code, String message) {
        return new GenesysErrorBody(
                message, code, status, message, Map.of(), UUID.randomUUID().toString(), List.of(), List.of());
    }

    /**
     * Builds a body whose {@code message} is {@code messageWithParams} with each {@code {name}}
     * replaced by its parameter, as Genesys does.
     */
    public static GenesysErrorBody withParams(
            int status, String code, String messageWithParams, Map<String, String> params) {
        String message = messageWithParams;
        for (Map.Entry<String, String> p : params.entrySet()) {
            message = message.replace("{" + p.getKey() + "}", p.getValue());
        }
        return new GenesysErrorBody(
                message,
                code,
                status,
                messageWithParams,
                new LinkedHashMap<>(params),
                UUID.randomUUID().toString(),
                List.of(),
                List.of());
    }

    public GenesysErrorBody withContextId(String newContextId) {
        return new GenesysErrorBody(
                message, code, status, messageWithParams, messageParams, newContextId, details, errors);
    }

    public GenesysErrorBody withDetails(List<ObjectNode> newDetails) {
        return new GenesysErrorBody(
                message, code, status, messageWithParams, messageParams, contextId, newDetails, errors);
    }

    public ObjectNode toJson() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("message", message);
        json.put("code", code);
        json.put("status", status);
        json.put("messageWithParams", messageWithParams);
        ObjectNode params = json.putObject("messageParams");
        messageParams.forEach(params::put);
        json.put("contextId", contextId);
        ArrayNode detailArray = json.putArray("details");
        details.forEach(detailArray::add);
        ArrayNode errorArray = json.putArray("errors");
        errors.forEach(errorArray::add);
        return json;
    }

    public String toJsonString() {
        return toJson().toString();
    }
}
