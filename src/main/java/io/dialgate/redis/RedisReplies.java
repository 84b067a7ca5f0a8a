package io.dialgate.redis;

import io.vertx.mutiny.redis.client.Response;

import java.util.HashMap;
import java.util.Map;

/** Reads Redis replies that arrive as a RESP3 map or as a RESP2 flat field/value array, depending on the protocol. */
public final class RedisReplies {

    private RedisReplies() {}

    /** A hash reply (HGETALL, or a field list a script returned) as a map; empty for a missing key. */
    public static Map<String, String> hash(Response reply) {
        Map<String, String> fields = new HashMap<>();
        if (reply == null) {
            return fields;
        }
        if (reply.getDelegate().isMap()) {
            for (String key : reply.getKeys()) {
                fields.put(key, reply.get(key).toString());
            }
            return fields;
        }
        for (int i = 0; i + 1 < reply.size(); i += 2) {
            fields.put(reply.get(i).toString(), reply.get(i + 1).toString());
        }
        return fields;
    }
}
