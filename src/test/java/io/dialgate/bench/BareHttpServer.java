package io.dialgate.bench;

import io.dialgate.testing.LoopbackPorts;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The ceiling of plain HTTP on this machine: a Vert.x server (the HTTP layer under Quarkus) that reads the body and
 * answers 202, in a JVM of its own like dialgate. It stands in for "a bare Quarkus endpoint", which the production
 * build must not contain. {@link #main} is the server; the rest starts and stops it as a child process.
 */
final class BareHttpServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private BareHttpServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Serves on 127.0.0.1:{@code args[0]} until killed. */
    public static void main(String[] args) throws Exception {
        Vertx vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer()
                .requestHandler(request -> request.body()
                        .onComplete(
                                body -> request.response().setStatusCode(202).end()));
        server.listen(Integer.parseInt(args[0]), "127.0.0.1")
                .toCompletionStage()
                .toCompletableFuture()
                .get();
        Thread.currentThread().join();
    }

    static BareHttpServer start(Path log) {
        int port = LoopbackPorts.free();
        List<String> command = List.of(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                BareHttpServer.class.getName(),
                Integer.toString(port));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .start();
            if (!LoopbackPorts.awaitOpen(port, Duration.ofSeconds(60)) || !answers(port, Duration.ofSeconds(30))) {
                process.destroyForcibly();
                throw new IllegalStateException("bare HTTP server did not answer on port " + port);
            }
            return new BareHttpServer(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the bare HTTP server", e);
        }
    }

    /**
     * Waits until the server has answered one request: a JVM just started on a busy machine takes its first answer
     * long after its port opens, and a short measurement would otherwise count that start as the ceiling.
     */
    private static boolean answers(int port, Duration timeout) {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/events"))
                .timeout(Duration.ofSeconds(5))
                .POST(HttpRequest.BodyPublishers.ofString("{}"))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 202) {
                    return true;
                }
            } catch (IOException notYet) {
                // not answering yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    String url() {
        return "http://127.0.0.1:" + port + "/events";
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
