package io.dialgate.demo;

import java.nio.file.Path;

/**
 * What the demo runs, from system properties ({@code -Ddemo.seconds=60} on the Maven command line is passed on).
 *
 * @param seconds           how long the CRM sends writes; the demo ends within about 15 s more
 * @param requestsPerMinute the Genesys budget of the OAuth client, set alike in the simulators and on the tenant.
 *                          Genesys's default of 300 fits a real campaign; this one runs about ten times faster and
 *                          sends about 25 writes a second, so it gets a budget to match
 */
public record DemoSettings(
        int seconds,
        int contacts,
        double dialsPerMinute,
        double writesPerSecond,
        double inDialShare,
        int requestsPerMinute,
        long seed,
        Path appDir,
        Path workDir) {

    public static DemoSettings fromSystemProperties() {
        int seconds = Integer.getInteger("demo.seconds", 90);
        if (seconds < 5 || seconds > 600) {
            throw new IllegalArgumentException("demo.seconds must be 5..600, got " + seconds);
        }
        return new DemoSettings(
                seconds,
                Integer.getInteger("demo.contacts", 3000),
                Double.parseDouble(System.getProperty("demo.dialsPerMinute", "1200")),
                Double.parseDouble(System.getProperty("demo.writesPerSecond", "25")),
                Double.parseDouble(System.getProperty("demo.inDialShare", "0.6")),
                Integer.getInteger("demo.requestsPerMinute", 6000),
                Long.getLong("demo.seed", 42),
                Path.of(System.getProperty("demo.app", "target/quarkus-app")).toAbsolutePath(),
                Path.of(System.getProperty("demo.workDir", "target/demo")).toAbsolutePath());
    }
}
