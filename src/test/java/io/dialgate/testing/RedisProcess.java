package io.dialgate.testing;

import redis.embedded.core.ExecutableProvider;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real {@code redis-server} process on a free loopback port, for tests and the demo. The binary is, in order: the
 * path in {@code DIALGATE_REDIS_SERVER}, a {@code redis-server} on the PATH, or the one shipped inside the
 * embedded-redis jar (Linux and macOS, x86-64 and arm64) — so a machine with only a JDK can run everything.
 */
public final class RedisProcess implements AutoCloseable {

    private static final Duration PORT_TIMEOUT = Duration.ofSeconds(10);

    private final File binary;
    private final int port;
    private final List<String> persistence;
    private Process process;

    private RedisProcess(File binary, int port, List<String> persistence) {
        this.binary = binary;
        this.port = port;
        this.persistence = persistence;
    }

    /** Without persistence: a restart starts empty. */
    public static RedisProcess start() {
        return start(List.of("--save", "", "--appendonly", "no"));
    }

    /**
     * With an append-only file in {@code dir} and {@code appendfsync} set to {@code fsync} ({@code always},
     * {@code everysec}), as production runs it: a restart reloads what the file holds.
     */
    public static RedisProcess startWithAof(Path dir, String fsync) {
        return start(List.of("--save", "", "--appendonly", "yes", "--appendfsync", fsync, "--dir", dir.toString()));
    }

    private static RedisProcess start(List<String> persistence) {
        RedisProcess redis = new RedisProcess(binary(), LoopbackPorts.free(), persistence);
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
            List<String> command = new ArrayList<>(List.of(
                    binary.getAbsolutePath(),
                    "--port",
                    Integer.toString(port),
                    "--bind",
                    "127.0.0.1",
                    "--protected-mode",
                    "no"));
            command.addAll(persistence);
            process = new ProcessBuilder(command)
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

    /** SIGKILL: Redis ends without writing anything more, as when its node dies. */
    public synchronized void kill() {
        if (process != null) {
            try {
                process.destroyForcibly().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            awaitPort(false);
        }
    }

    /** Sends one command whose reply is an integer, e.g. {@code ZCARD}, on a connection of its own. */
    public long integer(String... command) {
        try (RespClient client = new RespClient(port)) {
            return client.integer(command);
        }
    }

    @Override
    public void close() {
        stop();
    }

    private void awaitPort(boolean open) {
        boolean reached =
                open ? LoopbackPorts.awaitOpen(port, PORT_TIMEOUT) : LoopbackPorts.awaitClosed(port, PORT_TIMEOUT);
        if (!reached) {
            throw new IllegalStateException("redis-server on port " + port + " did not " + (open ? "start" : "stop"));
        }
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
}
