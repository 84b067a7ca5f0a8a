package io.dialgate.callbacks;

import java.util.Map;

/**
 * A callback event leased to this instance for one attempt: the contact it belongs to (its ordering key), its id
 * (the {@code webhook-id}, the same on every attempt), type, when it happened, its data as stored, and the attempt
 * number (1 for the first).
 */
record QueuedCallback(String member, String id, String lease, String type, long at, String dataJson, int attempt) {

    static QueuedCallback of(String member, String id, String lease, Map<String, String> fields) {
        return new QueuedCallback(
                member,
                id,
                lease,
                fields.getOrDefault("type", ""),
                Long.parseLong(fields.getOrDefault("at", "0")),
                fields.getOrDefault("data", "{}"),
                Integer.parseInt(fields.getOrDefault("att", "1")));
    }
}
