package io.dialgate.bench;

import io.dialgate.demo.HtmlPage;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.RedisProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code bench/run}: starts Redis, the Genesys simulator and dialgate from the production jar, runs the benchmark,
 * records a JFR profile of dialgate under ingest load, and writes {@code bench/results/latest.md} and the "Latest
 * results" section of {@code bench/README.md}.
 */
public final class BenchMain {

    static final String TENANT = "bench";
    // benchmark values, never printed: the simulator and dialgate only need both sides to agree
    static final String CLIENT_ID = "dialgate-bench";
    static final String CLIENT_SECRET = "bench-client-secret";
    static final String INGEST_TOKEN = "bench-ingest-token";
    static final String CRM_TOKEN = "bench-crm-token";
    private static final Duration PROFILE_LOAD = Duration.ofSeconds(20);
    /** A JVM start alone has taken over a minute on this shared machine at a load average of 20–30. */
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);

    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        // The simulator serves with the JDK's HttpServer, which leaves Nagle's algorithm on unless this is set before
        // its first use: every response then waits ~40 ms for the client's delayed ACK (headers and body go out as
        // two writes). Real Genesys has no such stall, so neither must the simulator here.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        BenchSettings settings = BenchSettings.fromSystemProperties();
        // children (dialgate, redis-server, the bare server) do not die with this JVM by themselves
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy), "bench-children"));
        Files.createDirectories(settings.outDir());
        if ("budget".equals(System.getProperty("bench.only"))) {
            budgetOnly(settings);
            System.exit(0);
        }
        int rpm = settings.writes().requestsPerMinute();
        try (RedisProcess redis = RedisProcess.start();
                GenesysSimulator genesys = GenesysSimulator.start(SimulatorOptions.builder()
                        .client(CLIENT_ID, CLIENT_SECRET)
                        .requestsPerMinute(rpm)
                        .build())) {
            DialgateProcess.TenantSetup tenant = BenchSettings.tenant(genesys.baseUrl(), rpm);
            // --- perf (issue 12 §2): dialgate runs with the JVM flags deploy/Dockerfile.jvm ships ---
            DockerfileJvm jvm = Boolean.parseBoolean(System.getProperty("bench.dockerfileFlags", "true"))
                    ? DockerfileJvm.read(
                            Path.of(System.getProperty("bench.dockerfile", "deploy/Dockerfile.jvm")), settings.appDir())
                    : new DockerfileJvm(List.of(), Map.of());
            jvm.createArchive(settings.appDir());
            List<String> jvmOptions = new ArrayList<>(jvm.options());
            // the accept-cost step puts settings.acceptPending() writes on one contact
            jvmOptions.add("-Ddialgate.tenants." + TENANT + ".max-pending-per-contact="
                    + (settings.acceptPending() + settings.acceptSamples() + 1));
            System.out.println("» dialgate's JVM flags (deploy/Dockerfile.jvm): " + jvm.describe());
            // --- end perf ---
            List<Duration> startups = new ArrayList<>();
            List<Duration> startupCpu = new ArrayList<>(); // perf (issue 12 §2)
            EventCorpus corpus = EventCorpus.create();
            BenchResults results;
            String comparison = "";
            System.out.println("» start-up: " + settings.startupRuns() + " fresh starts of "
                    + settings.appDir().resolve("quarkus-run.jar"));
            for (int i = 1; i < settings.startupRuns(); i++) {
                try (DialgateProcess once = DialgateProcess.launch(redis.uri(), tenant)
                        .appDir(settings.appDir())
                        .jvmOptions(jvmOptions.toArray(String[]::new))
                        .environment(jvm.environment())
                        .readyTimeout(READY_TIMEOUT)
                        .log(settings.outDir().resolve("dialgate-startup.log"))
                        .start()) {
                    startups.add(once.startup());
                    startupCpu.add(cpuSoFar(once.pid()));
                }
            }
            try (DialgateProcess dialgate = DialgateProcess.launch(redis.uri(), tenant)
                    .appDir(settings.appDir())
                    .jvmOptions(jvmOptions.toArray(String[]::new))
                    .environment(jvm.environment())
                    .readyTimeout(READY_TIMEOUT)
                    .log(settings.outDir().resolve("dialgate.log"))
                    .start()) {
                startups.add(dialgate.startup());
                startupCpu.add(cpuSoFar(dialgate.pid()));
                GateTarget target = new GateTarget(
                        dialgate.baseUrl(),
                        dialgate.managementUrl(),
                        TENANT,
                        INGEST_TOKEN,
                        CRM_TOKEN,
                        genesys,
                        CLIENT_ID,
                        CLIENT_SECRET,
                        redis.port(),
                        dialgate.pid());
                try (BudgetGates gates = new BudgetGates(settings, redis)) {
                    results = new BenchRun(settings, System.out)
                            .run(target, corpus, startups, startupCpu, jvm.describe(), gates);
                }
                if (settings.profile()) {
                    results = results.withProfile(profile(settings, target, corpus));
                }
                // --- perf (issue 12 §2): another build, e.g. main before a change, measured in this same run ---
                String compareApp = System.getProperty("bench.compareApp", "");
                if (!compareApp.isBlank()) {
                    comparison = BuildComparison.run(
                            settings,
                            target,
                            Path.of(compareApp).toAbsolutePath(),
                            redis.uri(),
                            tenant,
                            Path.of(System.getProperty("bench.dockerfile", "deploy/Dockerfile.jvm")),
                            corpus);
                }
                // --- end perf ---
            }
            publish(settings, results, comparison);
        }
        System.exit(0);
    }

    /** {@code -Dbench.only=budget}: the budget-bound scenario alone, written to bench/results/budget.md. */
    private static void budgetOnly(BenchSettings settings) throws Exception {
        String loadBefore = MachineInfo.loadAverage();
        String otherBusy = MachineInfo.otherBusyProcesses(2000);
        List<BudgetScenario.Row> rows;
        List<BudgetScenario.ReadyTogether> readies;
        try (RedisProcess redis = RedisProcess.start();
                BudgetGates gates = new BudgetGates(settings, redis)) {
            System.out.println("» budget-bound scenario only (~"
                    + settings.budget()
                            .traffic()
                            .plus(settings.budget().drain())
                            .multipliedBy(5)
                            .toSeconds() + " s)");
            BudgetScenario scenario = new BudgetScenario(settings.budget(), CLIENT_ID, CLIENT_SECRET);
            rows = scenario.run(gates);
            readies = scenario.readyTogether(gates, settings.readyTogether());
        }
        String table = ResultsTable.budgetTable(settings.budget(), rows)
                + "\n" + ResultsTable.readyTogetherLine(readies)
                + "\nMachine:\n\n" + MachineInfo.describe() + "\n- load average at start: " + loadBefore
                + "; at end: " + MachineInfo.loadAverage() + "\n- other processes using CPU at start: " + otherBusy
                + "\n";
        Path file = settings.outDir().resolve("budget.md");
        Files.writeString(file, table);
        System.out.println();
        System.out.println(table);
        System.out.println("written to " + file);
    }

    /**
     * The dialgate rows of the budget-bound scenario: one simulator with Genesys's default budget per OAuth client, and
     * one dialgate (production jar) with a tenant per row — its own OAuth client, budget and apply mode — started on
     * the first row (one start-up, not three) and stopped by {@link BudgetGates#close()}.
     */
    static final class BudgetGates implements BudgetScenario.Gates, AutoCloseable {

        /** The five rows of {@link BudgetScenario#run}'s dialgate, then the two of its ready-together measurement. */
        private static final List<String> MODES = List.of("contact", "bulk", "bulk", "bulk", "bulk");

        private final BenchSettings settings;
        private final RedisProcess redis;
        private final AtomicInteger rows = new AtomicInteger();
        private GenesysSimulator genesys;
        private DialgateProcess dialgate;

        BudgetGates(BenchSettings settings, RedisProcess redis) {
            this.settings = settings;
            this.redis = redis;
        }

        private static String tenant(int row) {
            return "budget-" + (row + 1);
        }

        @Override
        public BudgetScenario.Gate open(String applyMode, String label) {
            int row = rows.getAndIncrement();
            if (!MODES.get(row).equals(applyMode)) {
                throw new IllegalStateException("row " + row + " of the budget scenario is " + MODES.get(row));
            }
            if (dialgate == null) {
                start();
            }
            return new BudgetScenario.Gate(dialgate.baseUrl(), tenant(row), INGEST_TOKEN, CRM_TOKEN, genesys, () -> {});
        }

        private void start() {
            int rpm = settings.budget().requestsPerMinute();
            Map<String, String> clients = new java.util.HashMap<>();
            List<DialgateProcess.TenantSetup> tenants = new ArrayList<>();
            List<String> modes = new ArrayList<>();
            for (int row = 0; row < MODES.size(); row++) {
                String client = CLIENT_ID + "-" + tenant(row);
                clients.put(client, CLIENT_SECRET);
                tenants.add(new DialgateProcess.TenantSetup(
                        tenant(row),
                        "http://127.0.0.1:0",
                        client,
                        CLIENT_SECRET,
                        rpm,
                        INGEST_TOKEN,
                        CRM_TOKEN,
                        Duration.ofMinutes(10)));
                modes.add("-Ddialgate.tenants." + tenant(row) + ".apply-mode=" + MODES.get(row));
            }
            genesys = GenesysSimulator.start(SimulatorOptions.builder()
                    .clients(clients)
                    .requestsPerMinute(rpm)
                    .build());
            dialgate = DialgateProcess.launch(
                            redis.uri(),
                            tenants.stream()
                                    .map(t -> new DialgateProcess.TenantSetup(
                                            t.name(),
                                            genesys.baseUrl(),
                                            t.clientId(),
                                            t.clientSecret(),
                                            t.requestsPerMinute(),
                                            t.ingestToken(),
                                            t.crmToken(),
                                            t.activeDialTtl()))
                                    .toList())
                    .jvmOptions(modes.toArray(String[]::new))
                    .appDir(settings.appDir())
                    .log(settings.outDir().resolve("dialgate-budget.log"))
                    .start();
        }

        @Override
        public void close() {
            if (dialgate != null) {
                dialgate.close();
            }
            if (genesys != null) {
                genesys.close();
            }
        }
    }

    /** CPU time (user + system) a process has used so far. */
    private static Duration cpuSoFar(long pid) {
        return Duration.ofMillis((long) (CpuTime.seconds(pid) * 1000));
    }

    private static Optional<String> profile(BenchSettings settings, GateTarget target, EventCorpus corpus)
            throws Exception {
        System.out.println(
                "» JFR profile of dialgate under the batches-of-1 ingest load (~" + PROFILE_LOAD.toSeconds() + " s)");
        JfrProfile.start(target.pid());
        new IngestBench(settings.ingest(), corpus, 400_000_000L).load(target, PROFILE_LOAD);
        return JfrProfile.stopAndSummarize(target.pid(), settings.outDir().resolve("ingest.jfr"));
    }

    private static void publish(BenchSettings settings, BenchResults results, String comparison) throws Exception {
        StringBuilder latest = new StringBuilder(ResultsTable.render(results));
        results.profile()
                .ifPresent(p -> latest.append("\nJFR profile of dialgate under the batches-of-1 ingest load (")
                        .append(PROFILE_LOAD.toSeconds())
                        .append(" s, `bench/results/ingest.jfr`):\n\n")
                        .append(p));
        latest.append(comparison);
        Path file = settings.outDir().resolve("latest.md");
        Files.writeString(file, latest.toString());
        Path page = settings.outDir().resolve("latest.html");
        Files.writeString(
                page,
                HtmlPage.fromMarkdown("dialgate benchmark", latest.toString()).render());
        System.out.println();
        System.out.println(latest);
        System.out.println("written to " + file + " and, as a page, " + page);
        if (settings.readme() != null && Files.exists(settings.readme())) {
            Files.writeString(
                    settings.readme(), ReadmeSection.replace(Files.readString(settings.readme()), latest.toString()));
            System.out.println("and to the \"Latest results\" section of " + settings.readme());
        }
    }
}
