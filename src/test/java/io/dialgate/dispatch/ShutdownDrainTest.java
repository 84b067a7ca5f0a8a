package io.dialgate.dispatch;

import io.dialgate.redis.StoreUnavailableException;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Shutdown with Redis down: every tenant is still drained, all within one drain time. */
class ShutdownDrainTest {

    /** A tenant loop whose applies take {@code busy} to finish; giving its leases back fails when Redis is down. */
    private static final class Loop implements ShutdownDrain.Loop {
        private final String tenant;
        private final Duration busy;
        private final boolean redisDown;
        final List<Duration> drainedWith = new ArrayList<>();
        int releases;

        Loop(String tenant, Duration busy, boolean redisDown) {
            this.tenant = tenant;
            this.busy = busy;
            this.redisDown = redisDown;
        }

        @Override
        public String tenant() {
            return tenant;
        }

        @Override
        public boolean drain(Duration timeout) throws InterruptedException {
            drainedWith.add(timeout);
            Thread.sleep(Math.min(busy.toMillis(), timeout.toMillis()));
            return busy.compareTo(timeout) <= 0;
        }

        @Override
        public int releaseInFlight() {
            releases++;
            if (redisDown) {
                throw new StoreUnavailableException("Redis did not answer EVALSHA: Connection refused", null);
            }
            return 1;
        }
    }

    @Test
    void aTenantWhoseLeasesCannotBeGivenBackDoesNotKeepTheOthersFromDraining() throws Exception {
        Loop stuck = new Loop("acme", Duration.ofSeconds(60), true);
        Loop quick = new Loop("globex", Duration.ZERO, true);
        Loop slow = new Loop("initech", Duration.ofSeconds(60), false);

        long start = System.nanoTime();
        int unfinished = ShutdownDrain.drainAll(List.of(stuck, quick, slow), Duration.ofMillis(600));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertEquals(2, unfinished);
        assertEquals(1, quick.drainedWith.size(), "globex was drained");
        assertEquals(1, slow.releases, "initech's leases were given back");
        assertTrue(took.compareTo(Duration.ofMillis(1500)) < 0, "one drain time for all tenants, took " + took);
        assertTrue(
                slow.drainedWith.get(0).compareTo(Duration.ofMillis(100)) < 0,
                "the last tenant gets what is left of the one deadline, not a drain time of its own");
    }
}
