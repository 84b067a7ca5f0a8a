package io.dialgate.faults;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The short version of every fault scenario of issue 10 against the packaged jar (integration-test phase). Each
 * checks the whole promise (see {@link FaultVerdict}); {@code faults/run} runs the same scenarios at full scale.
 * Redis is restarted here by SIGKILL with {@code appendfsync always} only (the promise's case: nothing acknowledged may
 * be lost; {@code faults/run} adds SIGTERM and {@code everysec}, which may lose its last second by design), to keep the
 * suite short on a 2-core machine.
 *
 * <p>Every scenario has a rig of its own (Redis, simulator, instances, ports, files), so two run side by side: most of
 * a scenario's time is its paced load and its settle, not CPU. Tenant isolation runs alone after the others, since it
 * compares one tenant's apply latency before and during the other's outage, and a neighbour starting a JVM in between
 * would be measured as if the outage caused it. Each test reports the verdict of its own scenario.
 */
class FaultSuiteIT {

    private static final int SIDE_BY_SIDE = 2;

    private static ExecutorService lanes;
    private static ExecutorService alone;
    private static CompletableFuture<FaultVerdict> killMinusNine;
    private static CompletableFuture<FaultVerdict> genesysTrouble;
    private static CompletableFuture<FaultVerdict> eventChaos;
    private static CompletableFuture<FaultVerdict> redisSigkill;
    private static CompletableFuture<FaultVerdict> redisUnreachable;
    private static CompletableFuture<FaultVerdict> hostileInput;
    private static CompletableFuture<FaultVerdict> secrets;
    private static CompletableFuture<FaultVerdict> tenantIsolation;

    /** Starts every scenario at once, the longest first, so the two lanes end close together. */
    @BeforeAll
    static void startEveryScenario() {
        lanes = Executors.newFixedThreadPool(SIDE_BY_SIDE);
        alone = Executors.newSingleThreadExecutor();
        killMinusNine = start(new KillInstanceScenario());
        genesysTrouble = start(new GenesysTroubleScenario());
        eventChaos = start(new EventChaosScenario());
        redisSigkill = start(new RedisRestartScenario(FaultRig.Persistence.AOF_ALWAYS, true));
        redisUnreachable = start(new RedisUnreachableScenario());
        hostileInput = start(new HostileInputScenario());
        secrets = start(new SecretsScenario());
        CompletableFuture<?> others = CompletableFuture.allOf(
                        killMinusNine,
                        genesysTrouble,
                        eventChaos,
                        redisSigkill,
                        redisUnreachable,
                        hostileInput,
                        secrets)
                .exceptionally(failure -> null);
        tenantIsolation = others.thenApplyAsync(done -> run(new TenantIsolationScenario()), alone);
    }

    @AfterAll
    static void stopLanes() {
        for (ExecutorService executor : List.of(lanes, alone)) {
            executor.shutdownNow();
        }
    }

    private static CompletableFuture<FaultVerdict> start(FaultScenario scenario) {
        return CompletableFuture.supplyAsync(() -> run(scenario), lanes);
    }

    private static FaultVerdict run(FaultScenario scenario) {
        try {
            return FaultRunner.run(scenario, FaultScale.inSuite());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(scenario.name() + " interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException(scenario.name() + " could not run: " + e, e);
        }
    }

    private static void assertHeld(CompletableFuture<FaultVerdict> scenario) {
        FaultVerdict verdict = scenario.join();
        System.out.println(FaultVerdict.header() + "\n" + verdict.row());
        verdict.assertHeld();
    }

    @Test
    void killMinusNineMidDispatch() {
        assertHeld(killMinusNine);
    }

    @Test
    void redisSigkillWithAofAlways() {
        assertHeld(redisSigkill);
    }

    @Test
    void redisUnreachable() {
        assertHeld(redisUnreachable);
    }

    @Test
    void genesysTrouble() {
        assertHeld(genesysTrouble);
    }

    @Test
    void eventChaos() {
        assertHeld(eventChaos);
    }

    @Test
    void hostileInput() {
        assertHeld(hostileInput);
    }

    @Test
    void tenantIsolation() {
        assertHeld(tenantIsolation);
    }

    @Test
    void noSecretsInLogs() {
        assertHeld(secrets);
    }
}
