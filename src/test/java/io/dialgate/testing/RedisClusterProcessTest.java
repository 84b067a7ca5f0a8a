package io.dialgate.testing;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fixture itself: a formed cluster serves every slot, on the primary the slot's range was given to. */
class RedisClusterProcessTest {

    @Test
    void computesSlotsAsRedisDoes() {
        // Values from the Redis Cluster specification and from CLUSTER KEYSLOT.
        assertEquals(0x31C3, RedisClusterProcess.crc16("123456789".getBytes()));
        assertEquals(12182, RedisClusterProcess.slot("foo"));
        assertEquals(RedisClusterProcess.slot("bar"), RedisClusterProcess.slot("{bar}zap"));
    }

    @Test
    void formsThreePrimariesThatServeTheirRangesAndAgreeWithRedisOnSlots() {
        try (RedisClusterProcess cluster = RedisClusterProcess.start()) {
            List<String> tenants = RedisClusterProcess.tenantsOnEveryPrimary("t", 1);
            for (int i = 0; i < RedisClusterProcess.PRIMARIES; i++) {
                String key = "dg:{t:" + tenants.get(i) + "}:ready";
                int slot = RedisClusterProcess.slot(key);
                RedisProcess primary = cluster.primaries().get(i);
                try (RespClient client = new RespClient(primary.port())) {
                    assertEquals((long) slot, client.call("CLUSTER", "KEYSLOT", key));
                    assertEquals("OK", client.call("SET", key, "x"));
                }
                assertEquals(primary, cluster.servingNode(slot));
            }
        }
    }
}
