package io.dialgate.cluster;

import io.dialgate.bench.FairShare;
import io.dialgate.bench.IdleTenants;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Many tenants on few pods (issue 13), the fast version of {@code bench/tenants} and {@code bench/fair-share}: a pod's
 * threads and idle Redis work do not grow with its tenants, every pod takes a share of the dispatch, and one tenant's
 * backlog does not hold back the others. Runs the packaged jar, in the integration-test phase.
 */
class ManyTenantsIT {

    private static final Path APP = Path.of("target", "quarkus-app");

    @Test
    void twoHundredIdleTenantsCostNoMoreThreadsThanOneAndAlmostNoClaims() throws Exception {
        Duration settle = Duration.ofSeconds(8);
        Duration sample = Duration.ofSeconds(10);
        IdleTenants.Cost one = IdleTenants.measure(APP, 1, settle, sample, Map.of());
        IdleTenants.Cost many = IdleTenants.measure(APP, 200, settle, sample, Map.of());

        // Before, each tenant had a dispatch thread of its own (200 tenants: 200 more threads) and claimed every
        // idle check (200 tenants, 2 s: 100 claims/s).
        assertTrue(many.threads() <= one.threads() + 4, "threads: 1 tenant " + one + ", 200 tenants " + many);
        // What remains is the sweep for lost wake-ups (one claim per idle check, 2 s) and the gauges' one tenant in
        // turn every 15 s, whatever the number of tenants.
        assertTrue(many.scriptsPerSecond() <= 1.5, "scripts/s with 200 idle tenants: " + many);
        assertTrue(many.redisCommandsPerSecond() <= 20, "Redis commands/s with 200 idle tenants: " + many);
    }

    @Test
    void everyPodTakesAShareAndOneTenantsBacklogDoesNotHoldBackTheOthers() throws Exception {
        // Two pods with 4 apply workers each, 10 tenants; PUTs take 200 ms: the backlog of 300 alone needs ~10 s of
        // every worker. The other 9 tenants' writes, sent once the backlog is accepted, must not wait for it.
        // Tenant t0001 has a budget of 120 calls a minute for both pods together; t0002 is paused 10 s by a 429.
        FairShare.Setup setup =
                new FairShare.Setup(2, 10, 300, 5, 4, Duration.ofMillis(200), 120, 20, Duration.ofSeconds(10));

        FairShare.Result result = FairShare.run(APP, setup, Duration.ofMinutes(4));

        assertTrue(result.smallestShare() >= 0.2, "each pod's applies: " + result);
        assertTrue(
                result.backlogAppliedWhenOthersDone() < setup.backlog() * 0.8,
                "the others were done only once the backlog had (nearly) drained: " + result);
        assertTrue(
                result.budget().maxIn10s() <= result.budget().allowedIn10s(),
                "the budget is the tenant's, not each pod's: " + result.budget());
        // The pause reaches the other pods at their next claim of the tenant: they claim nothing of it until it ends,
        // but an apply one of them was already running finishes its calls (bench/README.md, fair-share).
        assertTrue(
                result.pause().appliedAfter().compareTo(setup.pause()) >= 0,
                "the paused tenant's writes were applied only after its pause: " + result.pause());
    }
}
