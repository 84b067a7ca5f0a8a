package io.dialgate.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The benchmark proper, against a dialgate that is already running (the full run's child process or the smoke
 * test's in-process application): the three write paths one after the other, then ingest, Redis memory and the
 * machine's ceilings.
 */
final class BenchRun {

    /** Dial numbers of the memory measurement: far above anything the ingest runs use. */
    private static final long MEMORY_FIRST_DIAL = 50_000_000L;
    /** Dial numbers of the accept-cost measurement: after the memory measurement's. */
    private static final long ACCEPT_FIRST_DIAL = 60_000_000L;

    private final BenchSettings settings;
    private final PrintStream log;
    private final long startNanos = System.nanoTime();

    BenchRun(BenchSettings settings, PrintStream log) {
        this.settings = settings;
        this.log = log;
    }

    BenchResults run(
            GateTarget target,
            EventCorpus corpus,
            List<Duration> startups,
            List<Duration> startupCpu,
            String jvmFlags,
            BudgetScenario.Gates budgetGates)
            throws Exception {
        Files.createDirectories(settings.outDir());
        String loadBefore = MachineInfo.loadAverage();
        String otherBusy = MachineInfo.otherBusyProcesses(2000);
        WriteScenarios scenarios = new WriteScenarios(settings.writes());
        ProcessMemory memory = new ProcessMemory(target.pid(), target.managementUrl());

        step(target, "dialgate write path", settings.writes().traffic());
        WriteScenarios.GateRun gate = scenarios.gate(target, memory::sample);
        step(
                target,
                "dialgate write path, replace mode (same stream replayed)",
                settings.writes().traffic());
        ScenarioResult gateReplace = scenarios.gateReplace(target, gate.stream());
        step(
                target,
                "naive write path (same stream replayed)",
                settings.writes().traffic());
        ScenarioResult naive = scenarios.naive(gate.stream(), target.clientId(), target.clientSecret());
        step(
                target,
                "polling write path (same stream replayed)",
                settings.writes().traffic());
        ScenarioResult polling = scenarios.polling(gate.stream(), target.clientId(), target.clientSecret());

        BudgetScenario.Setup b = settings.budget();
        step(
                target,
                "budget-bound: " + b.requestsPerMinute() + " requests/min, naive, polling, dialgate contact and bulk",
                b.traffic().plus(b.drain()).multipliedBy(5));
        BudgetScenario budgetScenario = new BudgetScenario(b, target.clientId(), target.clientSecret());
        List<BudgetScenario.Row> budget = budgetScenario.run(budgetGates);
        step(target, settings.readyTogether() + " writes ready together, bulk, merge and replace", Duration.ZERO);
        List<BudgetScenario.ReadyTogether> readyTogether =
                budgetScenario.readyTogether(budgetGates, settings.readyTogether());

        IngestBench.Setup in = settings.ingest();
        step(
                target,
                "ingest: batches of 1, of 100, " + (int) in.openLoopRate() + " events/s, bare HTTP, redis-benchmark",
                in.warmup().plus(in.measure()).multipliedBy(4));
        IngestBench.Result ingest = new IngestBench(in, corpus, 0).run(target, settings.outDir(), true);
        step(target, "Redis memory over " + settings.memoryContacts() + " contacts", Duration.ZERO);
        RedisMemory.Result redis = RedisMemory.measure(target, corpus, MEMORY_FIRST_DIAL, settings.memoryContacts());
        step(target, "accept cost with " + settings.acceptPending() + " writes pending on one contact", Duration.ZERO);
        AcceptCost.Result acceptCost = AcceptCost.measure(
                target, corpus, ACCEPT_FIRST_DIAL, settings.acceptPending(), settings.acceptSamples());
        step(target, "done", Duration.ZERO);
        return new BenchResults(
                MachineInfo.describe(),
                loadBefore,
                MachineInfo.loadAverage(),
                otherBusy,
                settings.writes(),
                naive,
                polling,
                gate.result(),
                gateReplace,
                b,
                budget,
                readyTogether,
                ingest,
                redis,
                memory.peaks(),
                startups,
                Optional.empty(),
                acceptCost,
                jvmFlags,
                startupCpu);
    }

    private void step(GateTarget target, String what, Duration about) {
        target.requireAlive(what);
        log.printf(
                "» [%5.1f s] %s%s%n",
                (System.nanoTime() - startNanos) / 1e9, what, about.isZero() ? "" : " (~" + about.toSeconds() + " s)");
        log.flush();
    }
}
