package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One PUT of a contact, whatever its outcome (also 400, 401, 409, 429 and scripted answers).
 *
 * @param body    the parsed request body; null when it was not valid JSON
 * @param rawBody the body as received
 */
public record RecordedPut(
        Instant time,
        String contactListId,
        String contactId,
        String clientId,
        JsonNode body,
        String rawBody,
        int status) {}
