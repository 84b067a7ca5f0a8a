package io.dialgate.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code bench/tenants}: the idle cost of configured tenants ({@link IdleTenants}) for each tenant count given, as a
 * markdown table; with {@code -Dtenants.readme=bench/README.md} it also replaces that file's idle-tenants section.
 *
 * <p>Settings: {@code -Dtenants.app} (the {@code quarkus-app} folder, {@code target/quarkus-app}),
 * {@code -Dtenants.label} (a name for the build measured), {@code -Dtenants.settle} (s, 20) and
 * {@code -Dtenants.sample} (s, 30); arguments: tenant counts (1 1000).
 */
public final class IdleTenantsMain {

    static final String START = "<!-- idle-tenants:start -->";
    static final String END = "<!-- idle-tenants:end -->";

    private IdleTenantsMain() {}

    public static void main(String[] args) throws Exception {
        Path app = Path.of(System.getProperty("tenants.app", "target/quarkus-app"));
        String label = System.getProperty("tenants.label", "this build");
        Duration settle = Duration.ofSeconds(Long.getLong("tenants.settle", 20));
        Duration sample = Duration.ofSeconds(Long.getLong("tenants.sample", 30));
        List<Integer> counts = new ArrayList<>();
        for (String arg : args) {
            counts.add(Integer.parseInt(arg));
        }
        if (counts.isEmpty()) {
            counts = List.of(1, 1000);
        }
        StringBuilder table = new StringBuilder();
        table.append("Build: ")
                .append(label)
                .append("; settle ")
                .append(settle.toSeconds())
                .append(" s, sample ");
        table.append(sample.toSeconds()).append(" s; load average before: ").append(MachineInfo.loadAverage());
        table.append("\n\n| tenants | start-up | RSS | threads | idle CPU (cores) | Redis commands/s | "
                + "instantaneous_ops_per_sec | scripts/s |\n|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (int count : counts) {
            IdleTenants.Cost cost = IdleTenants.measure(app, count, settle, sample, Map.of());
            String row = String.format(
                    Locale.ROOT,
                    "| %d | %.1f s | %d MiB | %d | %.3f | %.1f | %d | %.1f |%n",
                    cost.tenants(),
                    cost.startup().toMillis() / 1000.0,
                    cost.rssBytes() / (1024 * 1024),
                    cost.threads(),
                    cost.cpuCores(),
                    cost.redisCommandsPerSecond(),
                    cost.redisInstantaneousOps(),
                    cost.scriptsPerSecond());
            System.out.print(row);
            table.append(row);
        }
        table.append("\nLoad average after: ").append(MachineInfo.loadAverage()).append('\n');
        System.out.println();
        System.out.println(table);
        String readme = System.getProperty("tenants.readme");
        if (readme != null) {
            replaceSection(Path.of(readme), START, END, table.toString());
        }
    }

    /** Replaces what stands between the two markers of {@code file} with {@code text}. */
    static void replaceSection(Path file, String start, String end, String text) throws java.io.IOException {
        String content = Files.readString(file);
        int from = content.indexOf(start);
        int to = content.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalStateException(file + " has no " + start + " … " + end + " section");
        }
        Files.writeString(file, content.substring(0, from + start.length()) + "\n" + text + content.substring(to));
    }
}
