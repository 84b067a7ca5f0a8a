package io.dialgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * dialgate as production runs it: {@code java -jar target/quarkus-app/quarkus-run.jar} in its own JVM on a free
 * loopback port, configured the way a pod is — environment variables, and its tenants' credentials in a file (see
 * {@link PrivateConfigFile}), so no secret stands on its command line. A child process rather than an in-process
 * Quarkus app, for what needs the exact production build: the demo and the benchmark (which measure its JVM alone),
 * several instances sharing one Redis, a real SIGTERM, and property tests driven by jqwik rather than JUnit.
 */
public final class DialgateProcess implements AutoCloseable {

    /**
     * One tenant, as its {@code dialgate.tenants.<name>.*} properties configure it.
     *
     * @param name lower-case letters, digits and dashes
     */
    public record TenantSetup(
            String name,
            String genesysUrl,
            String clientId,
            String clientSecret,
            int requestsPerMinute,
            String ingestToken,
            String crmToken,
            Duration activeDialTtl) {

        /**
         * A tenant whose tokens follow the tests' naming, {@code <name>-ingest-token} and {@code <name>-crm-token}
         * (what {@link TestTenants#client(String)} sends).
         */
        public static TenantSetup named(
                String name,
                String genesysUrl,
                String clientId,
                String clientSecret,
                int requestsPerMinute,
                Duration activeDialTtl) {
            return new TenantSetup(
                    name,
                    genesysUrl,
                    clientId,
                    clientSecret,
                    requestsPerMinute,
                    name + "-ingest-token",
                    name + "-crm-token",
                    activeDialTtl);
        }

        /** Keeps the secrets out of any log line that prints a setup. */
        @Override
        public String toString() {
            return "TenantSetup[name=" + name + ", genesysUrl=" + genesysUrl + ", clientId=" + clientId
                    + ", requestsPerMinute=" + requestsPerMinute + ", activeDialTtl=" + activeDialTtl + "]";
        }

        private Map<String, String> properties() {
            String prefix = "dialgate.tenants." + name + ".";
            return Map.of(
                    prefix + "genesys.api-url", genesysUrl,
                    prefix + "genesys.login-url", genesysUrl,
                    prefix + "genesys.client-id", clientId,
                    prefix + "genesys.client-secret", clientSecret,
                    prefix + "genesys.requests-per-minute", Integer.toString(requestsPerMinute),
                    prefix + "ingest-token", ingestToken,
                    prefix + "crm-token", crmToken,
                    prefix + "active-dial-ttl", activeDialTtl.toSeconds() + "S");
        }
    }

    /** What to start; {@link #start()} starts it. */
    public static final class Launch {

        private final String redisUri;
        private final List<TenantSetup> tenants;
        private Path appDir = Path.of("target", "quarkus-app");
        private final List<String> jvmOptions = new ArrayList<>();
        private final Map<String, String> environment = new HashMap<>();
        private Path log;
        private Duration readyTimeout = READY_TIMEOUT;

        private Launch(String redisUri, List<TenantSetup> tenants) {
            this.redisUri = redisUri;
            this.tenants = List.copyOf(tenants);
        }

        /** The {@code target/quarkus-app} folder of a {@code ./mvnw package}; that of the working directory by default. */
        public Launch appDir(Path appDir) {
            this.appDir = appDir;
            return this;
        }

        /** Extra JVM options, e.g. {@code -Xmx256m}; none by default, as a plain {@code java -jar}. */
        public Launch jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        /** More configuration as environment variables, e.g. {@code DIALGATE_DISPATCH_SHUTDOWN_DRAIN}. */
        public Launch environment(Map<String, String> variables) {
            environment.putAll(variables);
            return this;
        }

        /** Where dialgate's console output goes; a new temporary file by default. */
        public Launch log(Path log) {
            this.log = log;
            return this;
        }

        /** How long {@link #start()} waits for readiness; 60 s by default (more on a machine under heavy load). */
        public Launch readyTimeout(Duration readyTimeout) {
            this.readyTimeout = readyTimeout;
            return this;
        }

        /** Starts dialgate and waits until {@code /q/health/ready} answers 200. */
        public DialgateProcess start() {
            return DialgateProcess.start(this);
        }
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

    private final Process process;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final Path tenantsFile;
    private final Duration startup;
    private volatile boolean stopping;

    private DialgateProcess(
            Process process, int port, int managementPort, Path log, Path tenantsFile, Duration startup) {
        this.managementPort = managementPort;
        this.process = process;
        this.port = port;
        this.log = log;
        this.tenantsFile = tenantsFile;
        this.startup = startup;
        // on a shared machine something else may end it (143: SIGTERM, 130: SIGINT, 137: SIGKILL); say so at once
        process.onExit().thenAccept(p -> {
            if (!stopping) {
                System.err.printf(
                        "%ndialgate (pid %d) exited on its own or was ended from outside, exit code %d; " + "log: %s%n",
                        p.pid(), p.exitValue(), log);
            }
        });
    }

    /** dialgate on the Redis at {@code redisUri} serving one tenant. */
    public static Launch launch(String redisUri, TenantSetup tenant) {
        return new Launch(redisUri, List.of(tenant));
    }

    /**
     * dialgate serving several tenants, on the Redis at {@code redisHosts} ({@code quarkus.redis.hosts}: one URI, or
     * a comma-separated list for a Redis Cluster, with {@code QUARKUS_REDIS_CLIENT_TYPE=cluster} in the environment).
     */
    public static Launch launch(String redisHosts, List<TenantSetup> tenants) {
        return new Launch(redisHosts, tenants);
    }

    private static DialgateProcess start(Launch launch) {
        Path jar = launch.appDir.resolve("quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build it first with ./mvnw package -DskipTests");
        }
        Path log = launch.log != null ? launch.log : temporaryLog();
        Path tenantsFile = log.resolveSibling(log.getFileName() + ".tenants.properties");
        Map<String, String> tenants = new HashMap<>();
        launch.tenants.forEach(tenant -> tenants.putAll(tenant.properties()));
        String location = PrivateConfigFile.write(
                tenantsFile, tenants, "dialgate's tenants, credentials included (written by DialgateProcess)");
        int port = LoopbackPorts.free();
        int managementPort = LoopbackPorts.free();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(launch.jvmOptions);
        command.add("-Dquarkus.config.locations=" + location);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        Map<String, String> env = builder.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        // Health and metrics listen on the management interface only (quarkus.management.enabled).
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(managementPort));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_REDIS_HOSTS", launch.redisUri);
        env.putAll(launch.environment);
        long begin = System.nanoTime();
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        awaitReady(process, managementPort, log, launch.readyTimeout);
        return new DialgateProcess(
                process, port, managementPort, log, tenantsFile, Duration.ofNanos(System.nanoTime() - begin));
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface: {@code /q/health/*} and {@code /q/metrics}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public URI baseUri() {
        return URI.create(baseUrl());
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

    /**
     * SIGTERM, as Kubernetes sends it to a pod it stops, then waits for the exit: dialgate drains its applies in
     * flight. Returns the exit code; fails if dialgate is still running after the timeout (it is then killed).
     */
    public int terminate(Duration timeout) throws InterruptedException {
        stopping = true;
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new IllegalStateException("dialgate did not stop within " + timeout + "; see " + log);
        }
        return process.exitValue();
    }

    /** SIGKILL (kill -9), as a node failure: no shutdown hook runs, nothing is handed back; waits for the exit. */
    public void kill() throws InterruptedException {
        stopping = true;
        process.destroyForcibly();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("dialgate did not die on SIGKILL; see " + log);
        }
        deleteTenantsFile();
    }

    /** Whether its readiness probe (on the management interface) answers 200 right now. */
    public boolean ready() {
        return answersReady(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build(), managementPort);
    }

    /** SIGTERM, as a pod stop; killed if it takes longer than 20 s. */
    public void stop() {
        stopping = true;
        try {
            if (process.isAlive()) {
                terminate(STOP_TIMEOUT);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } catch (IllegalStateException killed) {
            System.err.println(killed.getMessage());
        } finally {
            deleteTenantsFile();
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void deleteTenantsFile() {
        try {
            Files.deleteIfExists(tenantsFile);
        } catch (IOException e) {
            System.err.println("could not delete " + tenantsFile + ": " + e.getMessage());
        }
    }

    private static Path temporaryLog() {
        try {
            return Files.createTempFile("dialgate-", ".log");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void awaitReady(Process process, int port, Path log, Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dialgate exited with " + process.exitValue() + " during start-up; see "
                        + log + ":\n" + tail(log));
            }
            if (answersReady(http, port)) {
                return;
            }
            if (Thread.currentThread().isInterrupted()) {
                process.destroyForcibly();
                throw new IllegalStateException("interrupted while waiting for dialgate");
            }
            pause(25);
        }
        process.destroyForcibly();
        throw new IllegalStateException("dialgate was not ready after " + timeout + "; see " + log + ":\n" + tail(log));
    }

    private static boolean answersReady(HttpClient http, int port) {
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                .timeout(Duration.ofSeconds(2))
                .build();
        try {
            return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
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
}
