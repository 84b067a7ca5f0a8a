package io.dialgate.testing;

import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a request could have stored: every key that names the test's own contact list (dial state, pending writes),
 * with its serialized value, and the number of write status records (only an accepted write creates one). Two equal
 * snapshots mean the request stored nothing. Scoped so that other tests' background retries do not show up.
 */
public final class RedisSnapshot {

    private RedisSnapshot() {
    }

    public static Map<String, String> of(RedisDataSource redis, String contactListId) {
        Map<String, String> snapshot = new TreeMap<>();
        List<String> keys = new ArrayList<>();
        redis.execute("KEYS", "*" + contactListId + "*").forEach(key -> keys.add(key.toString()));
        for (String key : keys) {
            Response dump = redis.execute("DUMP", key);
            snapshot.put(key, dump == null ? "" : HexFormat.of().formatHex(dump.toBytes()));
        }
        snapshot.put("(write status records)", Integer.toString(redis.execute("KEYS", "dg:*:write:*").size()));
        return snapshot;
    }
}
