package io.dialgate.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The counters of one catalogue metric: each combination of tag values is registered once and kept, so counting an
 * event is a map read, not a registry lookup.
 */
public final class CounterFamily {

    private final Metric metric;
    private final MeterRegistry registry;
    private final Map<List<String>, Counter> counters = new ConcurrentHashMap<>();

    CounterFamily(Metric metric, MeterRegistry registry) {
        this.metric = metric;
        this.registry = registry;
    }

    /** The counter for these tag values, in the order of the metric's tag keys. */
    public Counter with(String... tagValues) {
        return counters.computeIfAbsent(
                List.of(tagValues),
                values -> Counter.builder(metric.meterName())
                        .tags(metric.tags(values))
                        .description(metric.description())
                        .register(registry));
    }
}
