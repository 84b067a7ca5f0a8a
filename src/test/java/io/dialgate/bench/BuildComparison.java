package io.dialgate.bench;

import io.dialgate.testing.DialgateProcess;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Another build of dialgate (e.g. main before a change, {@code -Dbench.compareApp=<its target/quarkus-app>}) against
 * this one, back to back in the same run with the same JVM flags, so a change is judged on one machine at one load:
 * the ingest runs on this build (still running), then on the other, started fresh the same way.
 */
final class BuildComparison {

    /** Event numbers of the comparison: far above those of the rest of the run. */
    private static final long FIRST_EVENT = 800_000_000L;

    private BuildComparison() {}

    static String run(
            BenchSettings settings,
            GateTarget current,
            Path otherApp,
            String redisUri,
            DialgateProcess.TenantSetup tenant,
            Path dockerfile,
            EventCorpus corpus)
            throws Exception {
        System.out.println("» same-run comparison with the build in " + otherApp + " (ingest on each, ~"
                + settings.ingest()
                        .warmup()
                        .plus(settings.ingest().measure())
                        .multipliedBy(6)
                        .toSeconds() + " s)");
        IngestBench.Result after =
                new IngestBench(settings.ingest(), corpus, FIRST_EVENT).run(current, settings.outDir(), false);
        DockerfileJvm jvm = DockerfileJvm.read(dockerfile, otherApp);
        jvm.createArchive(otherApp);
        IngestBench.Result before;
        Duration startup;
        double startupCpu;
        try (DialgateProcess other = DialgateProcess.launch(redisUri, tenant)
                .appDir(otherApp)
                .jvmOptions(jvm.options().toArray(String[]::new))
                .environment(jvm.environment())
                .readyTimeout(Duration.ofMinutes(3))
                .log(settings.outDir().resolve("dialgate-compared.log"))
                .start()) {
            startup = other.startup();
            startupCpu = CpuTime.seconds(other.pid());
            GateTarget target = new GateTarget(
                    other.baseUrl(),
                    other.managementUrl(),
                    current.tenant(),
                    current.ingestToken(),
                    current.crmToken(),
                    current.genesys(),
                    current.clientId(),
                    current.clientSecret(),
                    current.redisPort(),
                    other.pid());
            before = new IngestBench(settings.ingest(), corpus, FIRST_EVENT + 100_000_000L)
                    .run(target, settings.outDir(), false);
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format(
                Locale.ROOT,
                "%nSame-run comparison: this build, then the build in `%s`, back to back, same JVM flags (%s); load"
                        + " average now %s.%n%n",
                otherApp,
                jvm.describe(),
                MachineInfo.loadAverage()));
        out.append("| ingest | other build (before) | this build (after) | after / before |\n|---|---:|---:|---:|\n");
        row(out, "batches of 1, events/s", before.singleEventsPerSecond(), after.singleEventsPerSecond());
        row(out, "batches of 100, events/s", before.batchedEventsPerSecond(), after.batchedEventsPerSecond());
        LoadGenerator.Outcome was = before.atRate();
        LoadGenerator.Outcome now = after.atRate();
        out.append(String.format(
                Locale.ROOT,
                "| %,.0f events/s offered: answered/s, p50, p99 | %,.0f, %s, %s | %,.0f, %s, %s | |%n",
                settings.ingest().openLoopRate(),
                was.perSecond(),
                was.latency().format(50),
                was.latency().format(99),
                now.perSecond(),
                now.latency().format(50),
                now.latency().format(99)));
        out.append(String.format(
                Locale.ROOT,
                "%nThe other build's start: %.2f s to ready, %.2f s of CPU by then.%n",
                startup.toMillis() / 1000.0,
                startupCpu));
        return out.toString();
    }

    private static void row(StringBuilder out, String what, double before, double after) {
        out.append(String.format(
                Locale.ROOT, "| %s | %,.0f | %,.0f | %.2f× |%n", what, before, after, after / Math.max(1, before)));
    }
}
