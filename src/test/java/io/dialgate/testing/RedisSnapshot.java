package io.dialgate.testing;

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

    private RedisSnapshot() {}

    public static Map<String, String> of(RedisProcess redis, String contactListId) {
        Map<String, String> snapshot = new TreeMap<>();
        try (RespClient client = new RespClient(redis.port())) {
            for (Object key : (List<?>) client.call("KEYS", "*" + contactListId + "*")) {
                byte[] dump = client.bytes("DUMP", (String) key);
                snapshot.put((String) key, dump == null ? "" : HexFormat.of().formatHex(dump));
            }
            int writeRecords = ((List<?>) client.call("KEYS", "dg:*:write:*")).size();
            snapshot.put("(write status records)", Integer.toString(writeRecords));
        }
        return snapshot;
    }
}
