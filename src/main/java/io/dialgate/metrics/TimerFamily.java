package io.dialgate.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The timers of one catalogue metric: each combination of tag values is registered once and kept. */
public final class TimerFamily {

    private final Metric metric;
    private final MeterRegistry registry;
    private final Map<List<String>, Timer> timers = new ConcurrentHashMap<>();

    TimerFamily(Metric metric, MeterRegistry registry) {
        this.metric = metric;
        this.registry = registry;
    }

    /** The timer for these tag values, in the order of the metric's tag keys. */
    public Timer with(String... tagValues) {
        return timers.computeIfAbsent(
                List.of(tagValues),
                values -> Timer.builder(metric.meterName())
                        .tags(metric.tags(values))
                        .description(metric.description())
                        .publishPercentileHistogram()
                        .register(registry));
    }
}
