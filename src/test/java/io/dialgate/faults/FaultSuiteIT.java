package io.dialgate.faults;

import org.junit.jupiter.api.Test;

/**
 * The short version of every fault scenario of issue 10 against the packaged jar (integration-test phase). Each
 * checks the whole promise (see {@link FaultVerdict}); {@code faults/run} runs the same scenarios at full scale.
 * Redis is restarted here by SIGKILL with {@code appendfsync always} only (the promise's case: nothing acknowledged may
 * be lost; {@code faults/run} adds SIGTERM and {@code everysec}, which may lose its last second by design), to keep the
 * suite short on a 2-core machine.
 */
class FaultSuiteIT {

    private static void runAndAssert(FaultScenario scenario) throws Exception {
        FaultVerdict verdict = FaultRunner.run(scenario, FaultScale.inSuite());
        System.out.println(FaultVerdict.header() + "\n" + verdict.row());
        verdict.assertHeld();
    }

    @Test
    void killMinusNineMidDispatch() throws Exception {
        runAndAssert(new KillInstanceScenario());
    }

    @Test
    void redisSigkillWithAofAlways() throws Exception {
        runAndAssert(new RedisRestartScenario(FaultRig.Persistence.AOF_ALWAYS, true));
    }

    @Test
    void redisUnreachable() throws Exception {
        runAndAssert(new RedisUnreachableScenario());
    }

    @Test
    void genesysTrouble() throws Exception {
        runAndAssert(new GenesysTroubleScenario());
    }

    @Test
    void eventChaos() throws Exception {
        runAndAssert(new EventChaosScenario());
    }

    @Test
    void hostileInput() throws Exception {
        runAndAssert(new HostileInputScenario());
    }

    @Test
    void tenantIsolation() throws Exception {
        runAndAssert(new TenantIsolationScenario());
    }

    @Test
    void noSecretsInLogs() throws Exception {
        runAndAssert(new SecretsScenario());
    }
}
