package io.dialgate.demo;

import org.HdrHistogram.Histogram;

import java.time.Duration;

/**
 * A thread-safe latency histogram (HdrHistogram, microseconds, 3 significant digits). Percentiles of a plain sorted
 * list would do for a few thousand samples, but the ingest benchmark records millions and must not allocate per sample.
 */
public final class LatencyRecorder {

    private final Histogram histogram = new Histogram(3);

    public synchronized void record(Duration latency) {
        histogram.recordValue(Math.max(0, latency.toNanos() / 1_000));
    }

    public synchronized void recordNanos(long nanos) {
        histogram.recordValue(Math.max(0, nanos / 1_000));
    }

    public synchronized long count() {
        return histogram.getTotalCount();
    }

    /** @param percentile 0-100, e.g. 99.0 */
    public synchronized Duration percentile(double percentile) {
        return Duration.ofNanos(histogram.getValueAtPercentile(percentile) * 1_000);
    }

    public synchronized Duration max() {
        return Duration.ofNanos(histogram.getMaxValue() * 1_000);
    }

    public synchronized void add(LatencyRecorder other) {
        Histogram copy;
        synchronized (other) {
            copy = other.histogram.copy();
        }
        histogram.add(copy);
    }

    /** "3.1 ms", or "–" when empty, so a report line reads the same whatever the count. */
    public String format(double percentile) {
        return count() == 0 ? "–" : millis(percentile(percentile));
    }

    public static String millis(Duration d) {
        double ms = d.toNanos() / 1e6;
        if (ms >= 10_000) {
            return String.format("%.0f s", ms / 1000);
        }
        if (ms >= 100) {
            return String.format("%.0f ms", ms);
        }
        return String.format("%.1f ms", ms);
    }
}
