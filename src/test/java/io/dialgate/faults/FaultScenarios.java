package io.dialgate.faults;

import java.util.List;

/** The scenarios of issue 10, in its order: what {@code faults/run} and {@link FaultSuiteIT} run. */
final class FaultScenarios {

    private FaultScenarios() {}

    static List<FaultScenario> all() {
        return List.of(
                new KillInstanceScenario(),
                new RedisRestartScenario(FaultRig.Persistence.AOF_ALWAYS, false),
                new RedisRestartScenario(FaultRig.Persistence.AOF_ALWAYS, true),
                new RedisRestartScenario(FaultRig.Persistence.AOF_EVERYSEC, false),
                new RedisRestartScenario(FaultRig.Persistence.AOF_EVERYSEC, true),
                new RedisUnreachableScenario(),
                new GenesysTroubleScenario(),
                new EventChaosScenario(),
                new HostileInputScenario(),
                new TenantIsolationScenario(),
                new SecretsScenario());
    }
}
