package io.dialgate.bench;

import io.dialgate.demo.DialEndToApply;
import io.dialgate.demo.GenesysTally;
import io.dialgate.demo.LatencyRecorder;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Writes a run's results as markdown: the three write paths side by side, then dialgate alone against its targets. */
final class ResultsTable {

    // Targets of issue 12 (same run, same machine)
    static final double INGEST_SHARE_OF_BARE_TARGET = 0.5;
    static final double INGEST_BATCHED_TARGET = 40_000;
    static final Duration AT_RATE_P99_TARGET = Duration.ofMillis(10);
    static final Duration MERGE_P50_TARGET = Duration.ofMillis(5);
    static final Duration MERGE_P99_TARGET = Duration.ofMillis(25);
    static final Duration REPLACE_P99_TARGET = Duration.ofMillis(10);
    static final double CONTACT_BYTES_TARGET = 300;
    static final double PENDING_WRITE_BYTES_TARGET = 400;
    static final double ACCEPT_RATIO_TARGET = 2.0;
    static final long RSS_TARGET = 160L * 1024 * 1024;
    static final Duration STARTUP_TARGET = Duration.ofMillis(1500);
    static final double MERGE_CALLS_TARGET = 2.0;
    static final double REPLACE_CALLS_TARGET = 1.0;
    static final double CONFLICTS_TARGET = 5.0;
    /** Issue 12: dialgate in bulk applies at least this many distinct-contact writes a minute at the default budget. */
    static final double BULK_APPLIED_TARGET = 3_000;
    /** Issue 12: Genesys calls per applied write with bulk apply, when at least 20 contacts of a list are ready. */
    static final double BULK_CALLS_TARGET = 0.05;

    /** The row names of the dialgate table, in order; the smoke test checks every one is there. */
    static final List<String> GATE_ROWS = List.of(
            "Ingest, batches of 1",
            "Ingest, batches of 100",
            "Latency at 5,000 events/s",
            "Bare HTTP ceiling",
            "Redis ceiling",
            "Dial end → PUT, merge mode",
            "Dial end → PUT, replace mode",
            "Redis memory per active contact",
            "Redis memory per pending write",
            "Accept cost, many pending on the contact vs 1",
            "JVM under write load",
            "Start-up",
            "Genesys calls per applied write",
            "Genesys calls per applied write, bulk, ready together",
            "409s per 1,000 writes",
            "Writes lost");

    private ResultsTable() {}

    static String render(BenchResults r) {
        StringBuilder out = new StringBuilder();
        WriteScenarios.Setup w = r.writes();
        out.append(String.format(
                Locale.ROOT,
                "Campaign: %,d contacts, %,.0f dials/min, ring %s, talk %s (60%% answered),"
                        + " wrap-up %s. CRM: %.0f writes/s for %d s, %.0f%% aimed at contacts in a dial, the same"
                        + " stream on every path. Genesys budget: %,d requests/min per OAuth client on every path.%n%n",
                w.plan().contacts(),
                w.plan().dialsPerMinute(),
                range(w.plan().ring()),
                range(w.plan().talk()),
                range(w.plan().wrapup()),
                w.writesPerSecond(),
                w.traffic().toSeconds(),
                w.inDialShare() * 100,
                w.requestsPerMinute()));
        out.append("| write path | writes (sent in a dial) | 409s per 1,000 writes | Genesys calls per applied write"
                + " | 429s | writes lost | dial end → applied p50 / p95 / p99 (n) | CRM acceptance p50 / p99 |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (ScenarioResult s : List.of(r.naive(), r.polling(), r.gate(), r.gateReplace())) {
            out.append(scenarioRow(s));
        }
        out.append("\n");
        out.append(budgetTable(r));
        out.append("\n");
        out.append(gateTable(r));
        out.append("\nMachine:\n\n").append(r.machine()).append('\n');
        out.append("- load average at start: ")
                .append(r.loadBefore())
                .append("; at end: ")
                .append(r.loadAfter())
                .append('\n');
        out.append("- other processes using CPU at start: ")
                .append(r.otherBusy())
                .append('\n');
        out.append("- during the batches-of-1 ingest run: ")
                .append(r.ingest().cpuSplit())
                .append('\n');
        return out.toString();
    }

    /** The budget-bound scenario: one row per path, then whether dialgate in bulk met its target. */
    static String budgetTable(BenchResults r) {
        return budgetTable(r.budgetSetup(), r.budget());
    }

    static String budgetTable(BudgetScenario.Setup b, List<BudgetScenario.Row> budget) {
        StringBuilder out = new StringBuilder(String.format(
                Locale.ROOT,
                "Budget-bound: Genesys's default %,d requests/min per OAuth client; a CRM writing distinct contacts of"
                        + " one list (%,.0f writes/min; one more dialgate row at %,.0f) for %d s while a campaign"
                        + " dials it (%,.0f dials/min); then up to %d s to drain.%n%n",
                b.requestsPerMinute(),
                b.writesPerMinute(),
                b.highWritesPerMinute(),
                b.traffic().toSeconds(),
                b.dialsPerMinute(),
                b.drain().toSeconds()));
        out.append("| write path | offered writes/min | writes applied/min | backlog at the end | 429s | 409s"
                + " | writes lost | Genesys calls |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (BudgetScenario.Row row : budget) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %,.0f | %,.0f | %,d of %,d | %,d | %,d | %,d%s | %,d |%n",
                    row.label(),
                    row.offeredPerMinute(),
                    row.appliedPerMinute(),
                    row.backlog(),
                    row.sent(),
                    row.throttled(),
                    row.conflicts(),
                    row.lost(),
                    row.stillHeld() > 0 ? " (" + row.stillHeld() + " still queued after the drain)" : "",
                    row.calls()));
        }
        BudgetScenario.Row high = budget.get(budget.size() - 1);
        boolean bulkClean = budget.stream()
                .filter(row -> row.label().contains("bulk"))
                .allMatch(row -> row.lost() == 0 && row.conflicts() == 0 && row.throttled() == 0);
        out.append(String.format(
                Locale.ROOT,
                "%nTarget: dialgate in bulk ≥ %,.0f writes applied/min with 0 lost, 0 409s, 0 429s: %s%n",
                BULK_APPLIED_TARGET,
                high.appliedPerMinute() >= BULK_APPLIED_TARGET && bulkClean
                        ? "yes"
                        : String.format(
                                Locale.ROOT,
                                "no (%,.0f/min%s)",
                                high.appliedPerMinute(),
                                bulkClean ? "" : "; lost, 409s or 429s above 0")));
        return out.toString();
    }

    private static String scenarioRow(ScenarioResult s) {
        GenesysTally t = s.tally();
        LatencyRecorder d = s.dialEnd().latency();
        String lost = t.lost()
                + (s.givenUp() > 0 ? " (" + s.givenUp() + " given up)" : "")
                + (s.settled() ? "" : " ⚠ unsettled");
        return String.format(
                Locale.ROOT,
                "| %s | %,d (%,d) | %.1f | %.2f | %,d | %s | %s / %s / %s (%,d) | %s / %s |%n",
                s.label(),
                t.sent(),
                s.inDial(),
                t.conflictsPerThousand(),
                t.callsPerAppliedWrite(),
                t.throttled(),
                lost,
                d.format(50),
                d.format(95),
                d.format(99),
                d.count(),
                s.acceptance().format(50),
                s.acceptance().format(99));
    }

    private static String gateTable(BenchResults r) {
        IngestBench.Result in = r.ingest();
        ScenarioResult gate = r.gate();
        StringBuilder out = new StringBuilder("| dialgate alone | result | target | met? |\n|---|---|---|---|\n");
        double single = in.singleEventsPerSecond();
        double batched = in.batchedEventsPerSecond();
        double bare = in.bare() == null ? 0 : in.bare().perSecond();
        double share = in.singleShareOfBare();
        row(
                out,
                GATE_ROWS.get(0),
                String.format(
                        Locale.ROOT,
                        "%,.0f events/s accepted = %.0f%% of the bare ceiling (closed loop, %d connections, p99 %s)%s",
                        single,
                        100 * share,
                        in.connectionsSingle(),
                        in.single().latency().format(99),
                        failed(in.single())),
                "≥ 50% of the bare Vert.x ceiling (same run)",
                share >= INGEST_SHARE_OF_BARE_TARGET
                        ? "yes"
                        : String.format(Locale.ROOT, "no: %.0f%% of it", 100 * share));
        row(
                out,
                GATE_ROWS.get(1),
                String.format(
                        Locale.ROOT,
                        "%,.0f events/s accepted (%,.0f requests/s, p99 %s)%s",
                        batched,
                        in.batched().perSecond(),
                        in.batched().latency().format(99),
                        failed(in.batched())),
                "≥ 40,000 events/s",
                atLeast(batched, INGEST_BATCHED_TARGET));
        Duration atRateP99 = in.atRate().latency().percentile(99);
        row(
                out,
                GATE_ROWS.get(2),
                String.format(
                        Locale.ROOT,
                        "p50 %s, p99 %s, max %s at %,.0f events/s offered (%,.0f answered/s, %d failed)",
                        in.atRate().latency().format(50),
                        in.atRate().latency().format(99),
                        LatencyRecorder.millis(in.atRate().latency().max()),
                        in.rate(),
                        in.atRate().perSecond(),
                        in.atRate().failures()),
                "p99 < 10 ms",
                below(atRateP99, AT_RATE_P99_TARGET, in.atRate().latency().count()));
        row(
                out,
                GATE_ROWS.get(3),
                String.format(
                        Locale.ROOT,
                        "%,.0f requests/s: Vert.x server answering 202 in its own JVM, same generator",
                        bare),
                "ratio",
                "–");
        row(
                out,
                GATE_ROWS.get(4),
                in.redisSets().isPresent()
                        ? String.format(
                                Locale.ROOT,
                                "redis-benchmark SET: %,.0f ops/s; dialgate events/s is %.0f%% of it",
                                in.redisSets().getAsDouble(),
                                100 * single / in.redisSets().getAsDouble())
                        : "n/a: " + RedisBenchmark.HOW_TO_GET,
                "ratio",
                "–");
        DialEndToApply.Result merge = gate.dialEnd();
        row(
                out,
                GATE_ROWS.get(5),
                dialEnd(merge),
                "p50 < 5 ms, p99 < 25 ms",
                merge.latency().count() == 0
                        ? "–"
                        : both(
                                below(merge.latency().percentile(50), MERGE_P50_TARGET, 1),
                                below(merge.latency().percentile(99), MERGE_P99_TARGET, 1)));
        DialEndToApply.Result replace = r.gateReplace().dialEnd();
        row(
                out,
                GATE_ROWS.get(6),
                dialEnd(replace),
                "p99 < 10 ms",
                below(
                        replace.latency().percentile(99),
                        REPLACE_P99_TARGET,
                        replace.latency().count()));
        double contactBytes = r.memory().bytesPerActiveContact();
        row(
                out,
                GATE_ROWS.get(7),
                String.format(
                        Locale.ROOT,
                        "%,.0f bytes (used_memory over %,d contacts)",
                        contactBytes,
                        r.memory().contacts()),
                "≤ 300 B",
                atMost(contactBytes, CONTACT_BYTES_TARGET));
        double writeBytes = r.memory().bytesPerPendingWrite();
        row(
                out,
                GATE_ROWS.get(8),
                pendingWriteBytes(r.memory()),
                "≤ 400 B",
                writeBytes <= 0 ? "–" : atMost(writeBytes, PENDING_WRITE_BYTES_TARGET));
        AcceptCost.Result accept = r.acceptCost();
        row(
                out,
                GATE_ROWS.get(9),
                accept.describe(),
                "≤ 2×",
                !accept.measured()
                        ? "–"
                        : accept.ratio() <= ACCEPT_RATIO_TARGET
                                ? "yes"
                                : String.format(Locale.ROOT, "no: %.1f×", accept.ratio()));
        row(
                out,
                GATE_ROWS.get(10),
                String.format(
                        Locale.ROOT,
                        "peak RSS %s, peak heap used %s (committed %s); JVM flags: %s",
                        mib(r.peaks().rss()),
                        mib(r.peaks().heapUsed()),
                        mib(r.peaks().heapCommitted()),
                        r.jvmFlags()),
                "≤ 160 MiB RSS with the flags deploy/Dockerfile.jvm ships",
                r.peaks().rss() <= 0
                        ? "–"
                        : r.peaks().rss() <= RSS_TARGET
                                ? "yes"
                                : String.format(
                                        Locale.ROOT, "no: +%s", mib(r.peaks().rss() - RSS_TARGET)));
        row(
                out,
                GATE_ROWS.get(11),
                startup(r.startups()),
                "≤ 1.5 s (production jar, AppCDS)",
                startupMet(r.startups()));
        double calls = gate.tally().callsPerAppliedWrite();
        double replaceCalls = r.gateReplace().tally().callsPerAppliedWrite();
        row(
                out,
                GATE_ROWS.get(12),
                String.format(
                        Locale.ROOT,
                        "merge mode %.2f (%,d GET, %,d PUT, %,d token); replace mode %.2f (%,d GET, %,d PUT,"
                                + " %,d single-contact upserts)",
                        calls,
                        gate.tally().gets(),
                        gate.tally().puts(),
                        gate.tally().tokens(),
                        replaceCalls,
                        r.gateReplace().tally().gets(),
                        r.gateReplace().tally().puts(),
                        r.gateReplace().tally().upserts()),
                "≤ 2.0 merge, ≤ 1.0 replace",
                (calls <= MERGE_CALLS_TARGET
                                ? "merge: yes"
                                : String.format(
                                        Locale.ROOT, "merge: no (+%.0f%%)", 100 * (calls / MERGE_CALLS_TARGET - 1)))
                        + (replaceCalls <= REPLACE_CALLS_TARGET
                                ? "; replace: yes"
                                : String.format(
                                        Locale.ROOT,
                                        "; replace: no (+%.0f%%)",
                                        100 * (replaceCalls / REPLACE_CALLS_TARGET - 1))));
        row(
                out,
                GATE_ROWS.get(13),
                readyTogether(r.readyTogether()),
                readyTogetherTarget(),
                readyTogetherMet(r.readyTogether()));
        double conflicts = gate.tally().conflictsPerThousand();
        row(
                out,
                GATE_ROWS.get(14),
                String.format(
                        Locale.ROOT,
                        "%.1f merge, %.1f replace (naive: %.1f, polling: %.1f)",
                        conflicts,
                        r.gateReplace().tally().conflictsPerThousand(),
                        r.naive().tally().conflictsPerThousand(),
                        r.polling().tally().conflictsPerThousand()),
                "≤ 5",
                conflicts <= CONFLICTS_TARGET
                        ? "yes"
                        : String.format(Locale.ROOT, "no: %.1f× the target", conflicts / CONFLICTS_TARGET));
        int lost = gate.tally().lost();
        int replaceLost = r.gateReplace().tally().lost();
        row(
                out,
                GATE_ROWS.get(15),
                String.format(
                        Locale.ROOT,
                        "%d merge, %d replace (naive: %d, polling: %d)",
                        lost,
                        replaceLost,
                        r.naive().tally().lost(),
                        r.polling().tally().lost()),
                "0",
                lost == 0 && replaceLost == 0 ? "yes" : "no");
        return out.toString();
    }

    /** The ready-together measurement in one line, its target and whether it is met (also for bench.only=budget). */
    static String readyTogetherLine(List<BudgetScenario.ReadyTogether> readies) {
        return GATE_ROWS.get(13) + ": " + readyTogether(readies) + ". Target " + readyTogetherTarget() + ": "
                + readyTogetherMet(readies) + "\n";
    }

    private static String readyTogether(List<BudgetScenario.ReadyTogether> readies) {
        return readies.stream().map(ResultsTable::readyTogether).collect(Collectors.joining("; "));
    }

    private static String readyTogetherTarget() {
        return String.format(
                Locale.ROOT, "≤ %.2f merge and replace (bulk apply, ≥ 20 contacts of a list ready)", BULK_CALLS_TARGET);
    }

    private static String readyTogetherMet(List<BudgetScenario.ReadyTogether> readies) {
        return readies.stream()
                .map(ready -> ready.mode() + ": "
                        + (ready.settled() && ready.tally().callsPerAppliedWrite() <= BULK_CALLS_TARGET
                                ? "yes"
                                : String.format(
                                        Locale.ROOT,
                                        "no (%.3f%s)",
                                        ready.tally().callsPerAppliedWrite(),
                                        ready.settled() ? "" : ", not all applied")))
                .collect(Collectors.joining("; "));
    }

    private static String readyTogether(BudgetScenario.ReadyTogether ready) {
        GenesysTally t = ready.tally();
        return String.format(
                Locale.ROOT,
                "%s %.3f (%,d bulk reads, %,d upserts, %,d GET, %,d PUT, %,d token for %,d of %,d writes applied in"
                        + " %.1f s)",
                ready.mode(),
                t.callsPerAppliedWrite(),
                t.bulkReads(),
                t.upserts(),
                t.gets(),
                t.puts(),
                t.tokens(),
                t.applied(),
                ready.writes(),
                ready.took().toMillis() / 1000.0);
    }

    private static String dialEnd(DialEndToApply.Result d) {
        return String.format(
                Locale.ROOT,
                "p50 %s, p95 %s, p99 %s over %,d held writes (of which postContact delivery until dialgate's 202:"
                        + " p50 %s, p99 %s)",
                d.latency().format(50),
                d.latency().format(95),
                d.latency().format(99),
                d.latency().count(),
                d.delivery().format(50),
                d.delivery().format(99));
    }

    /** "yes" when {@code value} is under {@code target}, else by how much it is over; "–" with nothing measured. */
    private static String below(Duration value, Duration target, long count) {
        if (count == 0) {
            return "–";
        }
        return value.compareTo(target) < 0
                ? "yes"
                : String.format(Locale.ROOT, "no: %.1f× the target", value.toNanos() / (double) target.toNanos());
    }

    private static String both(String first, String second) {
        return first.equals("yes") && second.equals("yes") ? "yes" : "p50 " + first + "; p99 " + second;
    }

    private static String atMost(double value, double target) {
        return value <= target ? "yes" : String.format(Locale.ROOT, "no: %.1f× the target", value / target);
    }

    private static String startupMet(List<Duration> startups) {
        if (startups.isEmpty()) {
            return "–";
        }
        List<Duration> sorted = startups.stream().sorted().toList();
        return below(sorted.get(sorted.size() / 2), STARTUP_TARGET, sorted.size());
    }

    private static void row(StringBuilder out, String name, String result, String target, String met) {
        out.append("| ")
                .append(name)
                .append(" | ")
                .append(result)
                .append(" | ")
                .append(target)
                .append(" | ")
                .append(met)
                .append(" |\n");
    }

    private static String failed(LoadGenerator.Outcome outcome) {
        return outcome.failures() == 0
                ? ""
                : String.format(
                        Locale.ROOT,
                        "; besides, %,.0f requests/s answered non-2xx " + "(503) or failed",
                        outcome.failuresPerSecond());
    }

    private static String atLeast(double value, double target) {
        return value >= target ? "yes" : String.format(Locale.ROOT, "no: %.0f%% short", 100 * (1 - value / target));
    }

    private static String startup(List<Duration> startups) {
        if (startups.isEmpty()) {
            return "n/a (smoke test: dialgate runs inside the test JVM)";
        }
        List<Long> millis = startups.stream().map(Duration::toMillis).sorted().toList();
        return String.format(
                Locale.ROOT,
                "median %.2f s to /q/health/ready over %d starts of the production jar (%s)",
                millis.get(millis.size() / 2) / 1000.0,
                millis.size(),
                String.join(
                        ", ",
                        millis.stream()
                                .map(m -> String.format(Locale.ROOT, "%.2f", m / 1000.0))
                                .toList()));
    }

    private static String startupCpu(List<Duration> cpu) {
        if (cpu.isEmpty()) {
            return "";
        }
        List<Long> millis = cpu.stream().map(Duration::toMillis).sorted().toList();
        return String.format(
                Locale.ROOT,
                "; CPU used by then (user + system, unaffected by other load): median %.2f s",
                millis.get(millis.size() / 2) / 1000.0);
    }

    private static String mib(long bytes) {
        return bytes < 0 ? "n/a" : String.format(Locale.ROOT, "%.0f MiB", bytes / 1048576.0);
    }

    private static String range(io.dialgate.simulator.DurationRange r) {
        return LatencyRecorder.millis(r.min()) + "–" + LatencyRecorder.millis(r.max());
    }

    /**
     * used_memory can fall while the writes are stored, when keys of an earlier phase expire meanwhile (short
     * retentions in the smoke test): then the difference says nothing, and the table says so instead of a negative.
     */
    private static String pendingWriteBytes(RedisMemory.Result memory) {
        if (memory.bytesPerPendingWrite() <= 0) {
            return String.format(
                    Locale.ROOT,
                    "not measured in this run: used_memory fell meanwhile (keys of an earlier phase expired); %s",
                    memory.breakdown());
        }
        return String.format(Locale.ROOT, "%,.0f bytes; %s", memory.bytesPerPendingWrite(), memory.breakdown());
    }
}
