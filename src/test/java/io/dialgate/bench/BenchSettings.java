package io.dialgate.bench;

import io.dialgate.demo.CampaignPlan;
import io.dialgate.simulator.DurationRange;
import io.dialgate.testing.DialgateProcess;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Everything a benchmark run does, with the full run's values ({@link #fromSystemProperties}) and the smoke test's
 * few seconds ({@link #smoke}). Every loop of the benchmark is bounded by these durations and counts.
 *
 * @param requestsPerMinute the Genesys budget of the OAuth client, the same for every write path (and set on the
 *                          tenant). The campaign runs about ten times faster than a real one, so the budget is scaled
 *                          from Genesys's default 300 to match; all paths share the same one.
 * @param memoryContacts    contacts put into a dial (each then given one held write) to measure Redis memory
 * @param startupRuns       fresh starts of the production jar timed to ready
 * @param acceptPending     writes put on one contact before the accept cost is measured there (against contacts with
 *                          one), and {@code acceptSamples} accepts measured on each kind
 * @param readyTogether     writes to distinct idle contacts of one list sent at once, to count Genesys calls per
 *                          applied write in bulk mode when many are ready together
 */
record BenchSettings(
        WriteScenarios.Setup writes,
        BudgetScenario.Setup budget,
        IngestBench.Setup ingest,
        int memoryContacts,
        int startupRuns,
        boolean profile,
        Path appDir,
        Path outDir,
        Path readme,
        int acceptPending,
        int acceptSamples,
        int readyTogether) {

    static final String LIST = "be7c4000-0000-4000-8000-00000000c0de";

    static BenchSettings fromSystemProperties() {
        long seed = Long.getLong("bench.seed", 7);
        int contacts = Integer.getInteger("bench.contacts", 5000);
        Duration traffic = Duration.ofSeconds(Integer.getInteger("bench.seconds", 40));
        Duration measure = Duration.ofSeconds(Integer.getInteger("bench.ingestSeconds", 15));
        int rpm = Integer.getInteger("bench.requestsPerMinute", 6000);
        return new BenchSettings(
                new WriteScenarios.Setup(
                        CampaignPlan.standard(LIST, contacts, seed),
                        Double.parseDouble(System.getProperty("bench.writesPerSecond", "30")),
                        0.5,
                        traffic,
                        Duration.ofSeconds(20),
                        Duration.ofSeconds(Integer.getInteger("bench.pollSeconds", 2)),
                        Duration.ofSeconds(1),
                        rpm,
                        seed,
                        Duration.ofSeconds(15)),
                new BudgetScenario.Setup(
                        300,
                        Double.parseDouble(System.getProperty("bench.budgetWritesPerMinute", "1000")),
                        Double.parseDouble(System.getProperty("bench.budgetHighWritesPerMinute", "4000")),
                        Duration.ofSeconds(Integer.getInteger("bench.budgetSeconds", 60)),
                        Duration.ofSeconds(Integer.getInteger("bench.budgetDrainSeconds", 30)),
                        120,
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(2),
                        seed),
                new IngestBench.Setup(Duration.ofSeconds(5), measure, 64, 8, 5000, 500_000),
                Integer.getInteger("bench.memoryContacts", 20_000),
                5,
                true,
                Path.of(System.getProperty("bench.app", "target/quarkus-app")).toAbsolutePath(),
                Path.of(System.getProperty("bench.out", "bench/results")).toAbsolutePath(),
                Path.of(System.getProperty("bench.readme", "bench/README.md")).toAbsolutePath(),
                Integer.getInteger("bench.acceptPending", 20_000),
                200,
                Integer.getInteger("bench.readyTogether", 1000));
    }

    /** A few seconds per part, low volume: proves the benchmark still runs and its table is whole. */
    static BenchSettings smoke(String listId, int requestsPerMinute, Path outDir) {
        CampaignPlan plan = CampaignPlan.standard(listId, 400, 3)
                .withDurations(
                        DurationRange.ofMillis(100, 300),
                        DurationRange.ofMillis(200, 600),
                        DurationRange.ofMillis(100, 300));
        return new BenchSettings(
                new WriteScenarios.Setup(
                        plan,
                        25,
                        0.5,
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(10),
                        Duration.ofMillis(200),
                        Duration.ofMillis(100),
                        requestsPerMinute,
                        3,
                        Duration.ZERO),
                new BudgetScenario.Setup(
                        300,
                        600,
                        2400,
                        Duration.ofSeconds(3),
                        Duration.ofSeconds(10),
                        600,
                        Duration.ofMillis(100),
                        Duration.ofMillis(200),
                        3),
                new IngestBench.Setup(Duration.ofMillis(200), Duration.ofMillis(700), 4, 2, 200, 5_000),
                200,
                0,
                false,
                null,
                outDir,
                null,
                300,
                20,
                100);
    }

    /** The tenant dialgate is started with for the full run (the smoke test uses the test profile's). */
    static DialgateProcess.TenantSetup tenant(String genesysUrl, int requestsPerMinute) {
        return new DialgateProcess.TenantSetup(
                BenchMain.TENANT,
                genesysUrl,
                BenchMain.CLIENT_ID,
                BenchMain.CLIENT_SECRET,
                requestsPerMinute,
                BenchMain.INGEST_TOKEN,
                BenchMain.CRM_TOKEN,
                Duration.ofMinutes(10));
    }
}
