package io.dialgate.faults;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * How big a fault run is: the in-suite version keeps every scenario to seconds, {@code faults/run} to the sizes of
 * issue 10 (10k writes, 20 kills, a 30 s Redis outage, a 60 s 5xx storm, a 50k-event burst, 10k fuzzed bodies).
 *
 * @param load          how long the steady CRM and dialer load runs while faults are injected
 * @param writesPerSecond CRM writes per second, spread over the instances
 * @param contacts      contacts in the campaign's list
 * @param dialsPerMinute dials the simulated dialer starts per minute
 * @param kills         kill -9 of an instance during {@code load} (scenario 1)
 * @param outage        how long Redis stays unreachable (scenario 3), Genesys is slow or answers 429 (scenario 4) and
 *                      the other tenant's Genesys is down (scenario 7)
 * @param storm         how long Genesys answers 5xx to every call (scenario 4)
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
        Duration storm,
        int eventBurst,
        int fuzzBodies,
        Duration settle) {

    /** For {@code ./mvnw verify}: each scenario's load lasts seconds. */
    public static FaultScale inSuite() {
        return new FaultScale(
                Duration.ofSeconds(8),
                15,
                300,
                300,
                3,
                Duration.ofSeconds(6),
                Duration.ofSeconds(6),
                2_000,
                600,
                // past scenario 5's active-dial-ttl (30 s) after the last event, plus a claim and an apply under load
                Duration.ofSeconds(90));
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
                Duration.ofSeconds(60),
                50_000,
                10_000,
                Duration.ofSeconds(180));
    }

    /**
     * This scale with some sizes changed, from {@code name=value} pairs separated by commas ({@code faults/run
     * -Dfaults.sizes=load=60,kills=10}): {@code load}, {@code outage}, {@code storm}, {@code settle} in seconds,
     * {@code wps} (writes per second), {@code contacts}, {@code dials} (per minute), {@code kills}, {@code burst}
     * (events), {@code fuzz} (bodies). For a run that must fit the time a machine has.
     */
    public FaultScale with(String sizes) {
        Map<String, String> given = new HashMap<>();
        for (String pair : sizes.split(",")) {
            if (pair.isBlank()) {
                continue;
            }
            String[] nameValue = pair.split("=", 2);
            if (nameValue.length != 2) {
                throw new IllegalArgumentException("not name=value: " + pair);
            }
            String name = nameValue[0].strip();
            if (!SIZE_NAMES.contains(name)) {
                throw new IllegalArgumentException("no size named " + name);
            }
            given.put(name, nameValue[1].strip());
        }
        return new FaultScale(
                seconds(given, "load", load),
                given.containsKey("wps") ? Double.parseDouble(given.get("wps")) : writesPerSecond,
                count(given, "contacts", contacts),
                given.containsKey("dials") ? Double.parseDouble(given.get("dials")) : dialsPerMinute,
                count(given, "kills", kills),
                seconds(given, "outage", outage),
                seconds(given, "storm", storm),
                count(given, "burst", eventBurst),
                count(given, "fuzz", fuzzBodies),
                seconds(given, "settle", settle));
    }

    private static final Set<String> SIZE_NAMES =
            Set.of("load", "wps", "contacts", "dials", "kills", "outage", "storm", "burst", "fuzz", "settle");

    private static Duration seconds(Map<String, String> given, String name, Duration otherwise) {
        return given.containsKey(name) ? Duration.ofSeconds(Long.parseLong(given.get(name))) : otherwise;
    }

    private static int count(Map<String, String> given, String name, int otherwise) {
        return given.containsKey(name) ? Integer.parseInt(given.get(name)) : otherwise;
    }

    /** Every size, for the output: what a run was. */
    public String describe() {
        return String.format(
                "load %d s at %.0f writes/s over %d contacts, %.0f dials/min; %d kills; outages %d s; 5xx storm %d s;"
                        + " event burst %d; %d fuzzed bodies; settle %d s",
                load.toSeconds(),
                writesPerSecond,
                contacts,
                dialsPerMinute,
                kills,
                outage.toSeconds(),
                storm.toSeconds(),
                eventBurst,
                fuzzBodies,
                settle.toSeconds());
    }

    /** Load held, for the table: e.g. "15 w/s + 300 dials/min, 8 s". */
    public String describeLoad() {
        return String.format("%.0f w/s + %.0f dials/min, %d s", writesPerSecond, dialsPerMinute, load.toSeconds());
    }
}
