package io.dialgate.faults;

import java.time.Duration;

/**
 * How big a fault run is: the in-suite version keeps every scenario to seconds, {@code faults/run} to the sizes of
 * issue 10 (10k writes, 20 kills, a 30 s Redis outage, a 60 s 5xx storm, a 50k-event burst, 10k fuzzed bodies).
 *
 * @param load          how long the steady CRM and dialer load runs while faults are injected
 * @param writesPerSecond CRM writes per second, spread over the instances
 * @param contacts      contacts in the campaign's list
 * @param dialsPerMinute dials the simulated dialer starts per minute
 * @param kills         kill -9 of an instance during {@code load} (scenario 1)
 * @param outage        how long Redis stays unreachable (scenario 3) and a Genesys storm lasts (scenario 4)
 * @param eventBurst    events of the burst in scenario 5
 * @param fuzzBodies    fuzzed requests in scenario 6
 * @param settle        how long the end of a run waits for every accepted write to end APPLIED or FAILED
 */
public record FaultScale(
        Duration load,
        double writesPerSecond,
        int contacts,
        double dialsPerMinute,
        int kills,
        Duration outage,
        int eventBurst,
        int fuzzBodies,
        Duration settle) {

    /** For {@code ./mvnw verify}: each scenario's load lasts seconds. */
    public static FaultScale inSuite() {
        return new FaultScale(
                Duration.ofSeconds(8), 15, 300, 300, 3, Duration.ofSeconds(6), 2_000, 600, Duration.ofSeconds(60));
    }

    /** For {@code faults/run}: the sizes issue 10 names. */
    public static FaultScale full() {
        return new FaultScale(
                Duration.ofSeconds(120),
                85,
                3_000,
                1_200,
                20,
                Duration.ofSeconds(30),
                50_000,
                10_000,
                Duration.ofSeconds(180));
    }

    /** Load held, for the table: e.g. "15 w/s + 300 dials/min, 8 s". */
    public String describeLoad() {
        return String.format("%.0f w/s + %.0f dials/min, %d s", writesPerSecond, dialsPerMinute, load.toSeconds());
    }
}
