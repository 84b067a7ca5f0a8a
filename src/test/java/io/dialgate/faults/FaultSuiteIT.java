package io.dialgate.faults;

import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * The short version of every fault scenario of issue 10 against the packaged jar (integration-test phase). Each
 * checks the whole promise (see {@link FaultVerdict}); {@code faults/run} runs the same scenarios at full scale.
 */
class FaultSuiteIT {

    private static void runAndAssert(FaultScenario scenario) throws Exception {
        FaultVerdict verdict = FaultRunner.run(scenario, FaultScale.inSuite());
        System.out.println(FaultVerdict.header() + "\n" + verdict.row());
        verdict.assertHeld();
    }

    @Test
    @Disabled(
            "issue 10 hole 1: 3 PUTs reached a contact in a dial dialgate knew of (short run, before the 2 s claim margin), apply outlives its lease")
    void killMinusNineMidDispatch() throws Exception {
        runAndAssert(new KillInstanceScenario());
    }

    @Test
    @Disabled(
            "issue 10 hole 1/12: 1 PUT during a known dial in the short run (measured before the 2 s claim margin); re-measure after the leases merge")
    void redisSigtermWithAofAlways() throws Exception {
        runAndAssert(new RedisRestartScenario(FaultRig.Persistence.AOF_ALWAYS, false));
    }

    @Test
    @Disabled(
            "issue 10 hole 1/12: 1 PUT during a known dial in the short run (measured before the 2 s claim margin); re-measure after the leases merge")
    void redisSigkillWithAofAlways() throws Exception {
        runAndAssert(new RedisRestartScenario(FaultRig.Persistence.AOF_ALWAYS, true));
    }

    @Test
    void redisSigtermWithAofEverysec() throws Exception {
        runAndAssert(new RedisRestartScenario(FaultRig.Persistence.AOF_EVERYSEC, false));
    }

    @Test
    void redisSigkillWithAofEverysec() throws Exception {
        runAndAssert(new RedisRestartScenario(FaultRig.Persistence.AOF_EVERYSEC, true));
    }

    @Test
    @Disabled(
            "issue 10 hole 4: 122 writes answered 500 without Retry-After while Redis was unreachable (want 503 + Retry-After)")
    void redisUnreachable() throws Exception {
        runAndAssert(new RedisUnreachableScenario());
    }

    @Test
    void genesysTrouble() throws Exception {
        runAndAssert(new GenesysTroubleScenario());
    }

    @Test
    @Disabled("issue 10 hole 6: postContact lost/skewed leaves contacts held; not yet measured in a full run")
    void eventChaos() throws Exception {
        runAndAssert(new EventChaosScenario());
    }

    @Test
    @Disabled("issue 10 hole 9: mode replace without data is accepted (202); not yet measured in a full run")
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
