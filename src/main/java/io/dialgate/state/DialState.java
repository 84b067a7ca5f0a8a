package io.dialgate.state;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.Map;

/**
 * A contact's dial state as the CRM sees it ({@code GET .../dial-state}). {@code endedBy} says how the last dial
 * ended: {@code post_contact}, or — when no postContact came — {@code post_call_grace} or {@code active_dial_ttl}.
 */
@RegisterForReflection
public record DialState(
        boolean active,
        String phase,
        String conversationId,
        String campaignId,
        Instant since,
        Instant activeUntil,
        String endedBy,
        long pendingWrites) {

    static DialState from(Map<String, String> fields, long pendingWrites, Instant now) {
        Instant until = instant(fields.get("activeUntil"));
        boolean active = "1".equals(fields.get("active")) && until != null && until.isAfter(now);
        String phase = fields.getOrDefault("phase", "IDLE");
        String endedBy = fields.get("endedBy");
        if (!active && "1".equals(fields.get("active"))) {
            endedBy = fields.getOrDefault("window", "active_dial_ttl");
        }
        return new DialState(
                active,
                active || fields.isEmpty() ? phase : "DONE",
                fields.get("conv"),
                fields.get("camp"),
                active ? instant(fields.get("since")) : null,
                active ? until : null,
                active ? null : endedBy,
                pendingWrites);
    }

    private static Instant instant(String millis) {
        return millis == null ? null : Instant.ofEpochMilli(Long.parseLong(millis));
    }
}
