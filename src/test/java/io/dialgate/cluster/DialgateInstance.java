package io.dialgate.cluster;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One dialgate process started from the packaged production jar ({@code target/quarkus-app/quarkus-run.jar}),
 * configured through environment variables the way a Kubernetes pod is. Used by tests that need more than one
 * instance, or a real SIGTERM.
 */
final class DialgateInstance implements AutoCloseable {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final Process process;
    private final int port;
    private final Path log;

    private DialgateInstance(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static DialgateInstance start(String name, Map<String, String> environment) {
        int port = freePort();
        Map<String, String> env = new HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        try {
            Path log = java.nio.file.Files.createTempFile("dialgate-" + name + "-", ".log");
            ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx256m", "-jar", JAR.toString())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            DialgateInstance instance = new DialgateInstance(builder.start(), port, log);
            instance.awaitReady();
            return instance;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    Path log() {
        return log;
    }

    /** SIGTERM, as Kubernetes sends it, then waits for the process to exit; returns its exit code. */
    int terminate(Duration timeout) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("dialgate did not stop within " + timeout);
        }
        return process.exitValue();
    }

    /** Waits for the process to be gone (after {@link #close()}, which is a SIGKILL). */
    void awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("dialgate did not exit within " + timeout);
        }
    }

    /** SIGKILL (kill -9): no shutdown hook runs, nothing is handed back. */
    @Override
    public void close() {
        process.destroyForcibly();
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newHttpClient();
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dialgate exited during start-up; see " + log);
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(200);
        }
        throw new IllegalStateException("dialgate was not ready within 60 s; see " + log);
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
