package io.dialgate.writes;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;

/** The status record of one write, as {@code GET /v1/tenants/{tenant}/writes/{writeId}} answers it. */
@RegisterForReflection
public record WriteStatus(
        String writeId,
        WriteState state,
        String contactListId,
        String contactId,
        Instant acceptedAt,
        Instant appliedAt,
        int attempts,
        JsonNode lastError) {}
