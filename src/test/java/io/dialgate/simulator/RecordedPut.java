package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * One write of a contact, whatever its outcome (also 400, 401, 409, 429 and scripted answers): a PUT, or the contact's
 * entry in an upsert (then {@code body} is that entry and {@code status} the upsert's).
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
