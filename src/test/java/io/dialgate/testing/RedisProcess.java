package io.dialgate.testing;

import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;


/**
 * A real {@code redis-server} process on a free loopback port, for tests and the demo. The binary is, in order: the
 * path in {@code DIALGATE_REDIS_SERVER}, a {@code redis-server} on the PATH, or the one shipped inside the
 * embedded-redis jar (Linux and macOS, x86-64 and arm64) — so a machine with only a JDK can run everything.
 */
public final class RedisProcess implements AutoCloseable {

    private final File binary;
    private final int port;
    private Process process;

    private RedisProcess(File binary, int port) {
        this.binary = binary;
        this.port = port;
    }

    public static RedisProcess start() {
        RedisProcess redis = new RedisProcess(binary(), freePort());
        redis.restart();
        return redis;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    /** Starts (again) on the same port: tests use stop/restart to see dialgate without, then with, Redis. */
    public synchronized void restart() {
        if (process != null && process.isAlive()) {
            return;
        }
        try {
            process = new ProcessBuilder(binary.getAbsolutePath(), "--port", Integer.toString(port),
                    "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--protected-mode", "no")
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + binary, e);
        }
        awaitPort(true);
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            awaitPort(false);
        }
    }

    /**
     * Sends one command and reads an integer reply, for tests that inspect Redis without a Quarkus client (RESP by
     * hand: a dozen lines instead of another client library on the test classpath).
     */
    public long integer(String... command) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            StringBuilder request = new StringBuilder("*").append(command.length).append("\r\n");
            for (String part : command) {
                byte[] bytes = part.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                request.append('$').append(bytes.length).append("\r\n").append(part).append("\r\n");
            }
            socket.getOutputStream().write(request.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            String reply = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.UTF_8)).readLine();
            if (reply == null || reply.charAt(0) != ':') {
                throw new IllegalStateException("not an integer reply: " + reply);
            }
            return Long.parseLong(reply.substring(1));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitPort(boolean open) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        while (Instant.now().isBefore(deadline)) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                if (open) {
                    return;
                }
            } catch (IOException e) {
                if (!open) {
                    return;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        throw new IllegalStateException("redis-server on port " + port + " did not " + (open ? "start" : "stop"));
    }

    private static File binary() {
        String configured = System.getenv("DIALGATE_REDIS_SERVER");
        if (configured != null && !configured.isBlank()) {
            return new File(configured);
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, "redis-server");
            if (Files.isExecutable(candidate)) {
                return candidate.toFile();
            }
        }
        try {
            File shipped = ExecutableProvider.newJarResourceProvider().get();
            shipped.setExecutable(true);
            return shipped;
        } catch (IOException e) {
            throw new UncheckedIOException("No redis-server on PATH and none could be taken from embedded-redis", e);
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
