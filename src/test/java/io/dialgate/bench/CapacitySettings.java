package io.dialgate.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What {@code bench/capacity} runs: the calibration's volumes, the scaled-down check's tenants and rates, and the
 * region profile the model sizes. The full run's values come from system properties ({@code capacity.*}, defaults in
 * the {@code capacity} profile of pom.xml); the smoke test's are a few seconds' worth ({@link #smoke}).
 *
 * @param warmup                one round of mixed load on a scratch tenant first, repeated until dialgate's CPU per
 *                              request stops falling (the JIT has compiled the hot paths)
 * @param warmupRequests        requests the warm-up sends at least
 * @param idle                  how long the idle cost is measured
 * @param calibrationDials      dials (four events each) of the event calibration
 * @param activeContacts        contacts put into a dial: in the calibration, and on every check tenant before its window
 * @param calibrationWrites     writes of each write calibration (held; applied, twice: first and repeat write)
 * @param checkTenants          tenants of the check, all loaded at once
 * @param checkWindow           the check's load window (dials start so that they all end inside it)
 * @param checkDialsPerSecond   per check tenant
 * @param checkHeldWritesPerSecond   per check tenant: writes to contacts in a dial (they stay pending)
 * @param checkAppliedWritesPerSecond per check tenant: writes to idle contacts (applied at once)
 */
record CapacitySettings(
        Duration warmup,
        int warmupRequests,
        Duration idle,
        int calibrationDials,
        double calibrationDialsPerSecond,
        int activeContacts,
        int calibrationWrites,
        double calibrationWritesPerSecond,
        int checkTenants,
        Duration checkWindow,
        double checkDialsPerSecond,
        double checkHeldWritesPerSecond,
        double checkAppliedWritesPerSecond,
        CapacityTraffic.DialTiming timing,
        CapacityModel.Profile profile,
        Path appDir,
        Path outDir,
        Path doc) {

    static CapacitySettings fromSystemProperties() {
        return new CapacitySettings(
                seconds("capacity.warmupSeconds", 15),
                Integer.getInteger("capacity.warmupRequests", 40_000),
                seconds("capacity.idleSeconds", 15),
                Integer.getInteger("capacity.calibrationDials", 400),
                number("capacity.calibrationDialsPerSecond", 20),
                Integer.getInteger("capacity.activeContacts", 2500),
                Integer.getInteger("capacity.calibrationWrites", 250),
                number("capacity.calibrationWritesPerSecond", 12),
                Integer.getInteger("capacity.checkTenants", 4),
                seconds("capacity.checkSeconds", 60),
                number("capacity.checkDialsPerSecond", 5),
                number("capacity.checkHeldWritesPerSecond", 1),
                number("capacity.checkAppliedWritesPerSecond", 3),
                new CapacityTraffic.DialTiming(Duration.ofSeconds(2), Duration.ofSeconds(1)),
                CapacityModel.Profile.fromSystemProperties(),
                Path.of(System.getProperty("capacity.app", "target/quarkus-app"))
                        .toAbsolutePath(),
                Path.of(System.getProperty("capacity.out", "bench/results")).toAbsolutePath(),
                Path.of(System.getProperty("capacity.doc", "docs/CAPACITY.md")).toAbsolutePath());
    }

    /** Seconds of load, tens of operations: proves the run works and its table is whole, measures nothing. */
    static CapacitySettings smoke(Path outDir) {
        return new CapacitySettings(
                Duration.ofMillis(500),
                0,
                Duration.ofSeconds(1),
                20,
                40,
                200,
                30,
                40,
                1,
                Duration.ofSeconds(2),
                10,
                4,
                6,
                new CapacityTraffic.DialTiming(Duration.ofMillis(200), Duration.ofMillis(100)),
                CapacityModel.Profile.standard(),
                null,
                outDir,
                null);
    }

    /** Dials a check tenant starts: as many as its rate allows while every one still ends inside the window. */
    int checkDials() {
        double startWindow = (checkWindow.toMillis()
                        - timing.talk().toMillis()
                        - timing.wrapUp().toMillis())
                / 1000.0;
        return (int) Math.max(1, Math.floor(checkDialsPerSecond * startWindow));
    }

    int checkHeldWrites() {
        return (int) Math.min(activeContacts, Math.floor(checkHeldWritesPerSecond * checkWindow.toMillis() / 1000.0));
    }

    int checkAppliedWrites() {
        return (int) Math.floor(checkAppliedWritesPerSecond * checkWindow.toMillis() / 1000.0);
    }

    private static Duration seconds(String property, int fallback) {
        return Duration.ofSeconds(Integer.getInteger(property, fallback));
    }

    private static double number(String property, double fallback) {
        return Double.parseDouble(System.getProperty(property, Double.toString(fallback)));
    }
}
