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
                results = new BenchRun(settings, System.out).run(target, corpus, startups, startupCpu, jvm.describe());
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
