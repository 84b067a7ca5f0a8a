package io.dialgate.bench;

import io.dialgate.demo.DialgateMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The largest RSS (from {@code /proc/<pid>/status}) and heap in use (from dialgate's own JVM metrics) seen over the
 * samples taken, e.g. once a second while the write load runs.
 */
final class ProcessMemory {

    /** Peaks in bytes; -1 where it could not be read. */
    record Peaks(long rss, long heapUsed, long heapCommitted) {}

    private final long pid;
    private final String dialgateUrl;
    private long rss = -1;
    private long heapUsed = -1;
    private long heapCommitted = -1;

    ProcessMemory(long pid, String dialgateUrl) {
        this.pid = pid;
        this.dialgateUrl = dialgateUrl;
    }

    synchronized void sample() {
        rss = Math.max(rss, rssOf(pid));
        DialgateMetrics metrics = DialgateMetrics.scrape(dialgateUrl);
        heapUsed = Math.max(heapUsed, (long) metrics.sum("jvm_memory_used_bytes", "area", "heap"));
        heapCommitted = Math.max(heapCommitted, (long) metrics.sum("jvm_memory_committed_bytes", "area", "heap"));
    }

    synchronized Peaks peaks() {
        return new Peaks(rss, heapUsed, heapCommitted);
    }

    static long rssOf(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
