package io.dialgate.demo;

/**
 * {@code ./mvnw package -Pdemo}: an embedded Redis, dialgate from the production jar, two Genesys simulators running
 * the same predictive campaign, and a CRM writing to both: through dialgate to one, straight to the other. Prints a
 * progress line each second and a report at the end, or on Ctrl-C with what it has so far.
 */
public final class DemoMain {

    private DemoMain() {}

    public static void main(String[] args) throws Exception {
        // The simulator serves with the JDK's HttpServer, which leaves Nagle's algorithm on unless this is set before
        // its first use: every response then waits ~40 ms for the client's delayed ACK (headers and body go out as
        // two writes). Real Genesys has no such stall, so neither must the simulator here.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        DemoRun run = new DemoRun(DemoSettings.fromSystemProperties(), System.out);
        // Ctrl-C reaches this JVM directly (exec:exec starts it as a real child in the terminal's process group)
        Runtime.getRuntime().addShutdownHook(new Thread(run::abort, "demo-shutdown"));
        run.execute();
        // the HTTP clients' and simulators' pools are daemon threads, but a stray non-daemon one must not keep the demo
        // up
        System.exit(0);
    }
}
