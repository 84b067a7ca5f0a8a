package io.dialgate.simulator;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/** A closed range of durations from which the campaign draws ring, talk and wrap-up times. */
public record DurationRange(Duration min, Duration max) {

    public DurationRange {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        if (min.isNegative() || max.compareTo(min) < 0) {
            throw new IllegalArgumentException("need 0 <= min <= max, got " + min + ".." + max);
        }
    }

    public static DurationRange ofMillis(long minMillis, long maxMillis) {
        return new DurationRange(Duration.ofMillis(minMillis), Duration.ofMillis(maxMillis));
    }

    public static DurationRange ofSeconds(long minSeconds, long maxSeconds) {
        return new DurationRange(Duration.ofSeconds(minSeconds), Duration.ofSeconds(maxSeconds));
    }

    /** Uniform within the range, at millisecond resolution. */
    Duration pick(Random random) {
        long span = max.toMillis() - min.toMillis();
        return min.plusMillis(span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
    }
}
