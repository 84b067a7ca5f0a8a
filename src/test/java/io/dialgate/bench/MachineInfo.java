package io.dialgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The machine a run was on, and how busy other work kept it: results from a shared, loaded machine read differently. */
final class MachineInfo {

    private MachineInfo() {}

    static String describe() {
        List<String> lines = new ArrayList<>();
        lines.add("- date: " + ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        lines.add("- nproc: " + Runtime.getRuntime().availableProcessors());
        lines.add("- CPU: " + cpuModel());
        lines.add("- memory (`free -h`): " + memory());
        lines.add("- Java: " + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        return String.join("\n", lines);
    }

    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " / " + parts[1] + " / " + parts[2] + " (1/5/15 min)";
        } catch (IOException e) {
            return "n/a";
        }
    }

    /**
     * Processes not started by this run that used more than 5% of a core over a short sample: another build or test
     * on the machine takes cores from everything measured here.
     */
    static String otherBusyProcesses(long sampleMillis) throws InterruptedException {
        Set<Long> ours = CpuTime.ourProcesses();
        Map<Long, Double> before = CpuTime.everyProcess();
        Thread.sleep(sampleMillis);
        Map<Long, Double> after = CpuTime.everyProcess();
        List<String> busy = new ArrayList<>();
        after.forEach((pid, cpu) -> {
            double used = cpu - before.getOrDefault(pid, cpu);
            double share = used / (sampleMillis / 1000.0);
            if (!ours.contains(pid) && share > 0.05) {
                busy.add(String.format("%s (pid %d) %.0f%%", CpuTime.name(pid), pid, share * 100));
            }
        });
        return busy.isEmpty() ? "none" : String.join(", ", busy);
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memory() {
        return ExternalTool.find("free")
                .map(free -> {
                    try {
                        String[] rows = free.run(10, "-h").split("\n");
                        return rows.length > 1 ? rows[1].replaceAll("\\s+", " ").trim() : "unknown";
                    } catch (Exception e) {
                        return "unknown";
                    }
                })
                .orElse("unknown");
    }
}
