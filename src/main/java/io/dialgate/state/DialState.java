package io.dialgate.state;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/** A contact's dial state as the CRM sees it ({@code GET .../dial-state}). */
@RegisterForReflection
public record DialState(boolean active, String phase, String conversationId, String campaignId, Instant since,
        long pendingWrites) {

    static DialState from(Map<String, String> fields, long pendingWrites) {
        boolean active = "1".equals(fields.get("active"));
        String phase = fields.getOrDefault("phase", "IDLE");
        Instant since = fields.containsKey("since") ? Instant.ofEpochMilli(Long.parseLong(fields.get("since"))) : null;
        return new DialState(active, phase, fields.get("conv"), fields.get("camp"), active ? since : null,
                pendingWrites);
    }
}
