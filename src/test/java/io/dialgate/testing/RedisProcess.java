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
    private final List<String> extraArguments;
    private final Path dataDirectory;
    private Process process;

    private RedisProcess(File binary, int port, List<String> extraArguments) {
        this.binary = binary;
        this.port = port;
        this.extraArguments = List.copyOf(extraArguments);
        try {
            // Its own working directory: a dump.rdb (or nodes.conf) of another server, in whatever directory the test
            // runs from, is never loaded, and none is left behind there.
            this.dataDirectory = Files.createTempDirectory("dialgate-redis-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Without persistence: a restart starts empty. */
    public static RedisProcess start() {
        return start(List.of());
    }

    /**
     * With an append-only file in {@code dir} and {@code appendfsync} set to {@code fsync} ({@code always},
     * {@code everysec}), as production runs it: a restart reloads what the file holds.
     */
    public static RedisProcess startWithAof(Path dir, String fsync) {
        return start(List.of("--appendonly", "yes", "--appendfsync", fsync, "--dir", dir.toString()));
    }

    /** With more {@code redis-server} arguments, e.g. {@code --cluster-enabled yes} ({@link RedisClusterProcess}). */
    static RedisProcess start(List<String> extraArguments) {
        RedisProcess redis = new RedisProcess(binary(), LoopbackPorts.free(), extraArguments);
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
        List<String> command = new ArrayList<>(List.of(
                binary.getAbsolutePath(),
                "--port",
                Integer.toString(port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "no",
                "--dir",
                dataDirectory.toString()));
        command.addAll(extraArguments);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + binary, e);
        }
        awaitPort(true);
    }

    /** Makes this server a replica of {@code primary} and waits until it has the primary's data. */
    public void replicate(RedisProcess primary) {
        try (RespClient client = new RespClient(port)) {
            client.call("REPLICAOF", "127.0.0.1", Integer.toString(primary.port()));
            long deadline = System.nanoTime() + PORT_TIMEOUT.toNanos();
            while (!String.valueOf(client.call("INFO", "replication")).contains("master_link_status:up")) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("replica on port " + port + " did not reach its primary");
                }
                Thread.onSpinWait();
            }
        }
    }

    /** Stops the process without closing its connections (SIGSTOP): a replica that is there and never answers. */
    public synchronized void freeze() {
        signal("-STOP");
    }

    /** Lets a frozen process run again (SIGCONT). */
    public synchronized void thaw() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            int exit = new ProcessBuilder("kill", signal, Long.toString(process.pid()))
                    .inheritIO()
                    .start()
                    .waitFor();
            if (exit != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " exited " + exit);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The server's major version (6 for the binary embedded-redis ships, 7 for Debian 12's). */
    public int majorVersion() {
        try (RespClient client = new RespClient(port)) {
            return RedisVersion.major(String.valueOf(client.call("INFO", "server")));
        }
    }

    /** Whether the process runs (not stopped, killed, nor crashed). */
    public synchronized boolean isRunning() {
        return process != null && process.isAlive();
    }

    /** Ends the process at once (SIGKILL), as a crash would: no shutdown, no last save. */
    public synchronized void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            awaitPort(false);
        }
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

    static File binary() {
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
