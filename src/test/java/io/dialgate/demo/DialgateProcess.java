package io.dialgate.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * dialgate as production runs it: {@code java -jar target/quarkus-app/quarkus-run.jar} in its own JVM, configured only
 * by environment variables, on a free loopback port. A child process rather than an in-process Quarkus app, so the
 * demo and the benchmark exercise the exact production build and measure its JVM (heap, RSS, start-up) alone.
 */
public final class DialgateProcess implements AutoCloseable {

    /**
     * One tenant, as its {@code DIALGATE_TENANTS_<T>_...} variables configure it.
     *
     * @param name lower-case letters, digits and dashes; upper-cased in the variable names
     */
    public record TenantSetup(String name, String genesysUrl, String clientId, String clientSecret,
            int requestsPerMinute, String ingestToken, String crmToken, Duration activeDialTtl) {

        /** Keeps the secrets out of any log line that prints a setup. */
        @Override
        public String toString() {
            return "TenantSetup[name=" + name + ", genesysUrl=" + genesysUrl + ", clientId=" + clientId
                    + ", requestsPerMinute=" + requestsPerMinute + ", activeDialTtl=" + activeDialTtl + "]";
        }
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Duration startup;
    private volatile boolean stopping;

    private DialgateProcess(Process process, int port, int managementPort, Path log, Duration startup) {
        this.process = process;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.startup = startup;
        // on a shared machine something else may end it (143: SIGTERM, 130: SIGINT, 137: SIGKILL); say so at once
        process.onExit().thenAccept(p -> {
            if (!stopping) {
                System.err.printf("%ndialgate (pid %d) exited on its own or was ended from outside, exit code %d; "
                        + "log: %s%n", p.pid(), p.exitValue(), log);
            }
        });
    }

    /**
     * Starts dialgate and waits until {@code /q/health/ready} (on its management port) answers 200.
     *
     * @param appDir     the {@code target/quarkus-app} folder of a {@code ./mvnw package}
     * @param jvmOptions extra JVM options, e.g. {@code -Xmx512m}; none by default, as a plain {@code java -jar}
     * @param log        where dialgate's console output goes
     */
    public static DialgateProcess start(Path appDir, String redisUri, TenantSetup tenant, List<String> jvmOptions,
            Path log) {
        return start(appDir, redisUri, tenant, jvmOptions, Map.of(), log);
    }

    /** As above, with more configuration as environment variables (e.g. {@code QUARKUS_REDIS_MAX_POOL_SIZE}). */
    public static DialgateProcess start(Path appDir, String redisUri, TenantSetup tenant, List<String> jvmOptions,
            Map<String, String> moreEnv, Path log) {
        Path jar = appDir.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with ./mvnw package -DskipTests");
        }
        int port = freePort();
        int managementPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_REDIS_HOSTS", redisUri);
        String t = "DIALGATE_TENANTS_" + tenant.name().toUpperCase(Locale.ROOT).replace('-', '_') + "_";
        env.put(t + "GENESYS_API_URL", tenant.genesysUrl());
        env.put(t + "GENESYS_LOGIN_URL", tenant.genesysUrl());
        env.put(t + "GENESYS_CLIENT_ID", tenant.clientId());
        env.put(t + "GENESYS_CLIENT_SECRET", tenant.clientSecret());
        env.put(t + "GENESYS_REQUESTS_PER_MINUTE", Integer.toString(tenant.requestsPerMinute()));
        env.put(t + "INGEST_TOKEN", tenant.ingestToken());
        env.put(t + "CRM_TOKEN", tenant.crmToken());
        env.put(t + "ACTIVE_DIAL_TTL", tenant.activeDialTtl().toSeconds() + "S");
        env.putAll(moreEnv);
        long begin = System.nanoTime();
        Process process;
        try {
            Files.createDirectories(log.getParent());
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        awaitReady(process, managementPort, log);
        return new DialgateProcess(process, port, managementPort, log, Duration.ofNanos(System.nanoTime() - begin));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface: {@code /q/health/*} and {@code /q/metrics}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public long pid() {
        return process.pid();
    }

    /** From {@code ProcessBuilder.start()} to the first 200 of {@code /q/health/ready}. */
    public Duration startup() {
        return startup;
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, as a pod stop: dialgate drains its applies in flight; killed if it takes longer than 20 s. */
    public void stop() {
        stopping = true;
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static void awaitReady(Process process, int port, Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dialgate exited with " + process.exitValue() + " during start-up; see "
                        + log + ":\n" + tail(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IllegalStateException("interrupted while waiting for dialgate", e);
            }
            pause(25);
        }
        process.destroyForcibly();
        throw new IllegalStateException("dialgate was not ready after " + READY_TIMEOUT + "; see " + log + ":\n" + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
