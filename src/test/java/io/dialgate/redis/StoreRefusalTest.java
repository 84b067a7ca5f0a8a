package io.dialgate.redis;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Which Redis errors mean "cannot store now" (503), as Redis 6 and 7 spell them, in and out of scripts. */
class StoreRefusalTest {

    @Test
    void readsTheCodeOfEachRefusalAsRedisSendsIt() {
        for (StoreRefusal refusal : StoreRefusal.values()) {
            assertEquals(Optional.of(refusal), StoreRefusal.of(refusal.name() + " something went wrong"));
            assertEquals(
                    Optional.of(refusal),
                    StoreRefusal.of("ERR Error running script (call to f_77af): "
                            + "@user_script:169: @user_script: 169: -" + refusal.name() + " something went wrong"));
        }
        assertEquals(
                Optional.of(StoreRefusal.LOADING), StoreRefusal.of("LOADING Redis is loading the dataset in memory"));
        assertEquals(
                Optional.of(StoreRefusal.MASTERDOWN),
                StoreRefusal.of("MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'."));
        assertEquals(Optional.of(StoreRefusal.CLUSTERDOWN), StoreRefusal.of("CLUSTERDOWN The cluster is down"));
        assertEquals(
                Optional.of(StoreRefusal.TRYAGAIN),
                StoreRefusal.of("TRYAGAIN Multiple keys request during rehashing of slot"));
    }

    @Test
    void otherErrorsAreNotRefusals() {
        assertEquals(Optional.empty(), StoreRefusal.of("WRONGTYPE Operation against a key holding the wrong kind"));
        assertEquals(Optional.empty(), StoreRefusal.of("NOSCRIPT No matching script. Please use EVAL."));
        assertEquals(Optional.empty(), StoreRefusal.of("ERR Error running script: @user_script:3: user error OOMish"));
        assertEquals(Optional.empty(), StoreRefusal.of(null));
    }

    @Test
    void findsDialgateConnectionsInAClientList() {
        String list = """
                id=3 addr=127.0.0.1:5000 laddr=127.0.0.1:6379 fd=8 name=dialgate age=1 idle=0 flags=N db=0
                id=4 addr=127.0.0.1:5001 laddr=127.0.0.1:6379 fd=9 name= age=1 idle=0 flags=N db=0
                id=7 addr=127.0.0.1:5002 laddr=127.0.0.1:6379 fd=10 name=dialgate-other age=1 idle=0 flags=N db=0
                id=9 addr=127.0.0.1:5003 laddr=127.0.0.1:6379 fd=11 name=dialgate age=1 idle=0 flags=N db=0
                """;
        assertEquals(java.util.List.of("3", "9"), StaleConnections.dialgateConnections(list));
    }
}
