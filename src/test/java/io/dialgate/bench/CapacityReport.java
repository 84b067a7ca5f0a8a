package io.dialgate.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The tables of {@code bench/capacity}: unit costs, the check (model beside measurement), the region sizing. */
final class CapacityReport {

    /** The error allowed between the model and the check. */
    static final double TOLERANCE = 0.25;

    static final int[] REGION_TENANTS = {10, 100, 1_000};

    /** The check's rows, in order; the smoke test checks every one is there. */
    static final List<String> CHECK_ROWS = List.of(
            "Redis memory (used_memory less client buffers: growth)",
            "Redis commands (commandstats, scripts' commands included)",
            "Redis script calls",
            "Redis CPU (used_cpu_sys + used_cpu_user)",
            "dialgate CPU (/proc/<pid>/stat)");

    /** One row of the check. */
    record Comparison(String figure, double model, double measured, String unit) {

        double error() {
            return measured == 0 ? Double.POSITIVE_INFINITY : (model - measured) / measured;
        }

        boolean within() {
            return Math.abs(error()) <= TOLERANCE;
        }
    }

    private CapacityReport() {}

    static List<Comparison> compare(CapacityModel.Prediction p, CapacityCheck.Result check) {
        CapacityCounters.Delta d = check.work();
        return List.of(
                new Comparison(CHECK_ROWS.get(0), p.memoryBytes(), check.memoryGrowth(), "bytes"),
                new Comparison(CHECK_ROWS.get(1), p.commands(), d.commands(), "commands"),
                new Comparison(CHECK_ROWS.get(2), p.scriptCalls(), d.scriptCalls(), "calls"),
                new Comparison(CHECK_ROWS.get(3), p.redisCpuSeconds(), d.redisCpuSeconds(), "CPU s"),
                new Comparison(CHECK_ROWS.get(4), p.dialgateCpuSeconds(), d.dialgateCpuSeconds(), "CPU s"));
    }

    static String render(
            String machine,
            String redisVersion,
            CapacityCosts costs,
            CapacityCosts before,
            CapacityCosts after,
            CapacityCheck.Result check,
            List<Comparison> comparisons,
            CapacityModel.Profile profile) {
        StringBuilder out = new StringBuilder();
        out.append("Machine and load:\n\n")
                .append(machine)
                .append("\n- Redis: ")
                .append(redisVersion)
                .append("\n\n");
        units(out, costs);
        drift(out, before, after);
        check(out, check, comparisons);
        region(out, costs, profile);
        return out.toString();
    }

    private static void units(StringBuilder out, CapacityCosts c) {
        out.append("### Unit costs (calibration: one tenant, each operation alone, idle cost taken out)\n\n");
        out.append("| operation | Redis commands | of which script calls | Redis CPU | dialgate CPU |\n");
        out.append("|---|---:|---:|---:|---:|\n");
        cost(out, "event (average of a dial's four, one per request)", c.event(), "µs");
        cost(out, "write accepted while its contact is in a dial (held)", c.heldWrite(), "µs");
        cost(out, "write applied: accept → claim → GET + PUT → complete", c.appliedWrite(), "µs");
        cost(out, "idle second, all " + c.tenantsConfigured() + " tenants of the process", c.idle(), "µs");
        cost(out, "idle second per configured tenant", c.idle().times(1.0 / c.tenantsConfigured()), "µs");
        out.append("\n| Redis state | bytes (hash tables at 36 B a key) | bytes outside the keyspace hash tables | keys"
                + " | keys with a TTL |\n|---|---:|---:|---:|---:|\n");
        CapacityCosts.Memory m = c.memory();
        out.append(row("contact in a dial (preContact + outbound)", m.activeContact()));
        out.append(row("finished dial, remembered 1 h (dial: + conv: tombstone)", m.finishedDial()));
        out.append(row("pending (held) write", m.pendingWrite()));
        out.append(row("applied write, first to its contact (write: record 7 d + cv:)", m.firstWrite()));
        out.append(row("applied write, contact written before (write: record 7 d)", m.repeatWrite()));
        out.append("\nRedis commands per event: ")
                .append(byCommand(c.eventCommands()))
                .append(".\nRedis commands per applied write: ")
                .append(byCommand(c.writeCommands()))
                .append(".\n\n");
    }

    private static void drift(StringBuilder out, CapacityCosts before, CapacityCosts after) {
        out.append("CPU per operation in the calibration before the check / after it (the tables above use the mean):"
                + "\n\n| operation | Redis CPU | dialgate CPU |\n|---|---:|---:|\n");
        out.append(drift("event", before.event(), after.event()));
        out.append(drift("held write", before.heldWrite(), after.heldWrite()));
        out.append(drift("applied write", before.appliedWrite(), after.appliedWrite()));
        out.append(drift("idle second", before.idle(), after.idle()));
        out.append('\n');
    }

    private static String drift(String name, CapacityCosts.Cost a, CapacityCosts.Cost b) {
        return String.format(
                Locale.ROOT,
                "| %s | %.0f / %.0f µs | %.0f / %.0f µs |%n",
                name,
                a.redisCpuMicros(),
                b.redisCpuMicros(),
                a.dialgateCpuMicros(),
                b.dialgateCpuMicros());
    }

    private static void cost(StringBuilder out, String name, CapacityCosts.Cost cost, String unit) {
        out.append(String.format(
                Locale.ROOT,
                "| %s | %.1f | %.2f | %.0f %s | %.0f %s |%n",
                name,
                cost.commands(),
                cost.scriptCalls(),
                cost.redisCpuMicros(),
                unit,
                cost.dialgateCpuMicros(),
                unit));
    }

    private static String row(String name, CapacityCosts.State s) {
        return String.format(
                Locale.ROOT,
                "| %s | %.0f | %.0f | %.2f | %.2f |%n",
                name,
                s.bytes(),
                s.dataBytes(),
                s.keys(),
                s.expires());
    }

    private static String byCommand(Map<String, Double> commands) {
        return commands.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .map(e -> String.format(Locale.ROOT, "%s %.2f", e.getKey(), e.getValue()))
                .collect(Collectors.joining(", "));
    }

    private static void check(StringBuilder out, CapacityCheck.Result check, List<Comparison> rows) {
        CapacityCheck.Workload w = check.workload();
        out.append("### Check: the model's prediction against a measured run\n\n");
        out.append(String.format(
                Locale.ROOT,
                "%d tenants at once (%d configured in the process), on one dialgate process, one redis-server and the"
                        + " Genesys simulator: %,d contacts put into a dial first, then %,d events (%,d dials of four"
                        + " events, each posted alone), %,d writes to contacts in a dial (held) and %,d writes applied"
                        + " (GET + PUT), over %.1f s until every applied write was complete (%.0f events/s, %.1f"
                        + " writes/s). Load average %s. Other processes busy during the window: %s.%n%n",
                w.tenants(),
                w.tenantsConfigured(),
                w.activeContacts(),
                w.events(),
                w.dials(),
                w.heldWrites(),
                w.appliedWrites(),
                w.seconds(),
                w.events() / w.seconds(),
                (w.heldWrites() + w.appliedWrites()) / w.seconds(),
                check.load(),
                check.busy()));
        out.append("| figure | model | measured | error | within 25 %? |\n|---|---:|---:|---:|---|\n");
        List<String> misses = new ArrayList<>();
        for (Comparison c : rows) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %s | %s | %s | %+.1f %% | %s |%n",
                    c.figure(),
                    amount(c.model(), c.unit()),
                    amount(c.measured(), c.unit()),
                    c.error() * 100,
                    c.within() ? "yes" : "**no**"));
            if (!c.within()) {
                misses.add(c.figure());
            }
        }
        CapacityCounters.Delta d = check.work();
        out.append(String.format(
                Locale.ROOT,
                "%nMeasured rates: %,.0f Redis commands/s (INFO stats total_commands_processed: %,d in all), Redis"
                        + " %.3f cores, dialgate %.3f cores.%n%n",
                d.commands() / d.seconds(),
                d.totalCommandsProcessed(),
                d.redisCpuSeconds() / d.seconds(),
                d.dialgateCpuSeconds() / d.seconds()));
        out.append(
                misses.isEmpty()
                        ? "**PASS**: every figure within 25 %.\n\n"
                        : "**FAIL** at 25 %: " + String.join("; ", misses) + ".\n\n");
    }

    private static void region(StringBuilder out, CapacityCosts costs, CapacityModel.Profile p) {
        CapacityModel.Tenant t = CapacityModel.tenant(costs, p);
        out.append("### A region, from these unit costs\n\n");
        out.append(String.format(
                Locale.ROOT,
                "Per tenant: %,.0f contacts dialed an hour (each remembered 1 h after its dial, so %,.0f contacts with"
                        + " dial state), %.0f events per dial → %.0f events/s, %,.0f writes/min (%.0f %% arriving"
                        + " during a dial, waiting %.0f s), write records kept %.0f days, %,.0f distinct contacts"
                        + " written in that time. Shard budget: %.0f GiB of used_memory and %.0f %% of one core."
                        + " Pods of %.0f cores sized to %.0f %%, at least %d.%n%n",
                p.contactsDialedPerHour(),
                p.contactsDialedPerHour(),
                p.eventsPerDial(),
                p.eventsPerSecond(),
                p.writesPerMinute(),
                p.heldShare() * 100,
                p.heldSeconds(),
                p.retentionDays(),
                p.contactsWritten(),
                p.shardMemoryBytes() / (1L << 30),
                p.shardCpu() * 100,
                p.podCores(),
                p.podUtilisation() * 100,
                p.minPods()));
        out.append(String.format(
                Locale.ROOT,
                "One tenant's Redis: %s (dial state %s, contacts in a dial %s, pending writes %s, write records %s,"
                        + " column versions %s); %,.0f commands/s, %.4f cores of Redis, %.4f cores of dialgate"
                        + " (idle loops not included).%n%n",
                bytes(t.memoryBytes()),
                bytes(t.dialStateBytes()),
                bytes(t.activeDialBytes()),
                bytes(t.pendingWriteBytes()),
                bytes(t.writeRecordBytes()),
                bytes(t.columnVersionBytes()),
                t.workPerSecond().commands(),
                t.workPerSecond().redisCpuMicros() / 1e6,
                t.workPerSecond().dialgateCpuMicros() / 1e6));
        out.append("| tenants | events/s | writes/min | Redis memory | Redis commands/s | Redis CPU (cores) | shards"
                + " (set by) | per shard: tenants, memory, commands/s, CPU | dialgate CPU (cores) | pods |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---|---|---:|---:|\n");
        for (CapacityModel.Region r : CapacityModel.regions(costs, p, REGION_TENANTS)) {
            out.append(String.format(
                    Locale.ROOT,
                    "| %,d | %,.0f | %,.0f | %s | %,.0f | %.2f | %d (%s) | %d, %s, %,.0f, %.2f | %.2f | %s |%n",
                    r.tenants(),
                    r.eventsPerSecond(),
                    r.writesPerSecond() * 60,
                    bytes(r.memoryBytes()),
                    r.commandsPerSecond(),
                    r.redisCpu(),
                    r.shards(),
                    r.shardsBy()
                            + (r.shardMemoryBytes() > p.shardMemoryBytes() || r.shardCpu() > p.shardCpu()
                                    ? "; **one tenant is over a shard's budget**"
                                    : ""),
                    r.tenantsPerShard(),
                    bytes(r.shardMemoryBytes()),
                    r.shardCommandsPerSecond(),
                    r.shardCpu(),
                    r.dialgateCores(),
                    r.podsFit() ? Integer.toString(r.pods()) : "none: the idle loops alone fill a pod"));
        }
        CapacityModel.SlotLimit limit = CapacityModel.slotLimit(costs, p);
        out.append(String.format(
                Locale.ROOT,
                "%nOne tenant is one slot, so one shard: its Redis CPU reaches the shard's budget at %.0f× the profile's"
                        + " rates (%,.0f events/s and %,.0f writes/min), its memory reaches the shard's at %.1f× (%,.0f"
                        + " writes/min with %.0f-day records). The first per-tenant limit is **%s**.%n",
                limit.cpuFactor(),
                limit.cpuFactor() * p.eventsPerSecond(),
                limit.cpuFactor() * p.writesPerMinute(),
                limit.memoryFactor(),
                limit.memoryFactor() * p.writesPerMinute(),
                p.retentionDays(),
                limit.first()));
    }

    static String amount(double value, String unit) {
        return switch (unit) {
            case "bytes" -> bytes(value);
            case "CPU s" -> String.format(Locale.ROOT, "%.2f CPU s", value);
            default -> String.format(Locale.ROOT, "%,.0f", value);
        };
    }

    static String bytes(double b) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        int u = 0;
        double v = b;
        while (Math.abs(v) >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }
}
