package io.dialgate.bench;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything one benchmark run measured, ready to be written as tables.
 *
 * @param startups     time to ready of each fresh start of the production jar (empty in the smoke test, where
 *                     dialgate runs inside the test JVM)
 * @param loadBefore   load average when the run began, and {@code otherBusy} the processes of others using CPU then
 * @param acceptCost   one accept's cost in Redis with many writes pending on its contact against with one
 * @param jvmFlags     the flags dialgate's JVM ran with (those of deploy/Dockerfile.jvm in the full run)
 * @param startupCpu   CPU time (user + system) each fresh start had used when it was ready: what a loaded machine
 *                     does not change
 */
record BenchResults(
        String machine,
        String loadBefore,
        String loadAfter,
        String otherBusy,
        WriteScenarios.Setup writes,
        ScenarioResult naive,
        ScenarioResult polling,
        ScenarioResult gate,
        ScenarioResult gateReplace,
        BudgetScenario.Setup budgetSetup,
        List<BudgetScenario.Row> budget,
        List<BudgetScenario.ReadyTogether> readyTogether,
        IngestBench.Result ingest,
        RedisMemory.Result memory,
        ProcessMemory.Peaks peaks,
        List<Duration> startups,
        Optional<String> profile,
        AcceptCost.Result acceptCost,
        String jvmFlags,
        List<Duration> startupCpu) {

    BenchResults withProfile(Optional<String> value) {
        return new BenchResults(
                machine,
                loadBefore,
                loadAfter,
                otherBusy,
                writes,
                naive,
                polling,
                gate,
                gateReplace,
                budgetSetup,
                budget,
                readyTogether,
                ingest,
                memory,
                peaks,
                startups,
                value,
                acceptCost,
                jvmFlags,
                startupCpu);
    }
}
