package io.dialgate.testing;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Every key in Redis with its serialized value: two equal snapshots mean nothing was stored in between. */
public final class RedisSnapshot {

    private RedisSnapshot() {
    }

    public static Map<String, String> of(RedisDataSource redis) {
        Map<String, String> snapshot = new TreeMap<>();
        List<String> keys = new ArrayList<>();
        redis.execute("KEYS", "*").forEach(key -> keys.add(key.toString()));
        for (String key : keys) {
            Response dump = redis.execute("DUMP", key);
            snapshot.put(key, dump == null ? "" : java.util.HexFormat.of().formatHex(dump.toBytes()));
        }
        return snapshot;
    }
}
