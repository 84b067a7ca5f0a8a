package io.dialgate.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * CPU time of processes from {@code /proc/<pid>/stat} (user + system, in clock ticks of 1/100 s), so a run can say
 * which process used the two cores: dialgate, redis-server, the load generator, or something else on the machine.
 */
final class CpuTime {

    private static final double TICKS_PER_SECOND = 100.0;

    private CpuTime() {}

    /** CPU seconds used so far by {@code pid}; -1 when it cannot be read. */
    static double seconds(long pid) {
        String[] fields = statFields(pid);
        if (fields == null) {
            return -1;
        }
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** The process name of {@code pid} (as {@code ps} shows it), or "?". */
    static String name(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "comm"))
                    .trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /** CPU seconds of every process on the machine, by pid. */
    static Map<Long, Double> everyProcess() {
        Map<Long, Double> cpu = new HashMap<>();
        try (Stream<Path> entries = Files.list(Path.of("/proc"))) {
            for (Path entry : entries.collect(Collectors.toList())) {
                String name = entry.getFileName().toString();
                if (name.chars().allMatch(Character::isDigit)) {
                    double s = seconds(Long.parseLong(name));
                    if (s >= 0) {
                        cpu.put(Long.parseLong(name), s);
                    }
                }
            }
        } catch (IOException e) {
            return cpu;
        }
        return cpu;
    }

    /** This JVM and everything it started (dialgate, redis-server, the bare server). */
    static Set<Long> ourProcesses() {
        Set<Long> ours =
                ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
        ours.add(ProcessHandle.current().pid());
        return ours;
    }

    /** Fields after the command name of /proc/pid/stat (index 0 = state); null when unreadable. */
    private static String[] statFields(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        } catch (IOException | StringIndexOutOfBoundsException e) {
            return null;
        }
    }
}
