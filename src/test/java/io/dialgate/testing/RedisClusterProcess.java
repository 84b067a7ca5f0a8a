package io.dialgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

/**
 * A real Redis Cluster for tests: three primaries (slots split in three even ranges), optionally with a replica each,
 * all {@code redis-server} processes of {@link RedisProcess}'s binary on loopback ports. The cluster is formed over
 * RESP ({@code CLUSTER MEET}, {@code ADDSLOTS}, {@code REPLICATE}), so no {@code redis-cli} is needed, and it works
 * with Redis 6.2 (the embedded binary) as with 7.
 */
public final class RedisClusterProcess implements AutoCloseable {

    public static final int SLOTS = 16384;
    public static final int PRIMARIES = 3;
    private static final Duration FORM_TIMEOUT = Duration.ofSeconds(30);
    /** How long a node may be silent before the cluster calls it failed and promotes its replica. */
    public static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

    private final Path dir;
    private final List<RedisProcess> primaries;
    private final List<RedisProcess> replicas;

    private RedisClusterProcess(Path dir, List<RedisProcess> primaries, List<RedisProcess> replicas) {
        this.dir = dir;
        this.primaries = primaries;
        this.replicas = replicas;
    }

    /** Three primaries without replicas. */
    public static RedisClusterProcess start() {
        return start(false);
    }

    /** Three primaries, each with one replica when {@code withReplicas}. */
    public static RedisClusterProcess start(boolean withReplicas) {
        Path dir;
        try {
            dir = Files.createTempDirectory("dialgate-redis-cluster");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<RedisProcess> primaries = new ArrayList<>();
        List<RedisProcess> replicas = new ArrayList<>();
        RedisClusterProcess cluster = new RedisClusterProcess(dir, primaries, replicas);
        try {
            for (int i = 0; i < PRIMARIES; i++) {
                primaries.add(node(dir, "primary-" + i));
                if (withReplicas) {
                    replicas.add(node(dir, "replica-" + i));
                }
            }
            cluster.form();
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    private static RedisProcess node(Path dir, String name) {
        return RedisProcess.start(List.of(
                "--cluster-enabled",
                "yes",
                "--cluster-config-file",
                dir.resolve(name + "-" + System.nanoTime() + ".conf").toString(),
                "--cluster-node-timeout",
                Long.toString(NODE_TIMEOUT.toMillis()),
                "--dir",
                dir.toString()));
    }

    private void form() {
        List<RedisProcess> all = nodes();
        try (RespClient first = new RespClient(all.get(0).port())) {
            for (RedisProcess node : all.subList(1, all.size())) {
                first.call("CLUSTER", "MEET", "127.0.0.1", Integer.toString(node.port()));
            }
        }
        for (int i = 0; i < PRIMARIES; i++) {
            List<String> command = new ArrayList<>(List.of("CLUSTER", "ADDSLOTS"));
            for (int slot = firstSlot(i); slot <= lastSlot(i); slot++) {
                command.add(Integer.toString(slot));
            }
            call(primaries.get(i), command.toArray(String[]::new));
        }
        awaitTrue(
                "every node knows every other",
                () -> all.stream()
                        .allMatch(node -> clusterNodes(node).lines().count() == all.size()
                                && !clusterNodes(node).contains("handshake")));
        for (int i = 0; i < replicas.size(); i++) {
            call(replicas.get(i), "CLUSTER", "REPLICATE", nodeId(primaries.get(i)));
        }
        awaitTrue("the cluster serves every slot", () -> all.stream().allMatch(this::clusterOk));
        awaitTrue(
                "every replica is in sync",
                () -> replicas.stream()
                        .allMatch(replica -> info(replica, "replication").contains("master_link_status:up")));
    }

    /** {@code quarkus.redis.hosts}: every primary's URI, comma-separated (the client discovers the rest). */
    public String hosts() {
        return primaries.stream().map(RedisProcess::uri).collect(Collectors.joining(","));
    }

    public List<RedisProcess> primaries() {
        return List.copyOf(primaries);
    }

    public List<RedisProcess> replicas() {
        return List.copyOf(replicas);
    }

    /** The first slot of the range primary {@code index} was given. */
    public static int firstSlot(int index) {
        return index * SLOTS / PRIMARIES;
    }

    public static int lastSlot(int index) {
        return (index + 1) * SLOTS / PRIMARIES - 1;
    }

    /** Which of the initial primaries' ranges a slot is in. */
    public static int rangeOf(int slot) {
        for (int i = 0; i < PRIMARIES; i++) {
            if (slot <= lastSlot(i)) {
                return i;
            }
        }
        throw new IllegalArgumentException("slot " + slot);
    }

    /** The node that serves {@code slot} now, as the first primary (or any node alive) reports it. */
    public RedisProcess servingNode(int slot) {
        for (RedisProcess asked : nodes()) {
            try {
                for (String line : clusterNodes(asked).split("\n")) {
                    String[] fields = line.strip().split(" ");
                    if (fields.length < 9 || !fields[2].contains("master") || fields[2].contains("fail")) {
                        continue;
                    }
                    for (int f = 8; f < fields.length; f++) {
                        if (servesSlot(fields[f], slot)) {
                            int port = Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1)
                                    .split("@")[0]);
                            return nodes().stream()
                                    .filter(n -> n.port() == port)
                                    .findFirst()
                                    .orElseThrow();
                        }
                    }
                }
            } catch (RuntimeException unreachable) {
                // ask the next node
            }
        }
        throw new IllegalStateException("no node serves slot " + slot);
    }

    private static boolean servesSlot(String range, int slot) {
        if (range.startsWith("[")) {
            return false;
        }
        int dash = range.indexOf('-');
        int from = Integer.parseInt(dash < 0 ? range : range.substring(0, dash));
        int to = dash < 0 ? from : Integer.parseInt(range.substring(dash + 1));
        return slot >= from && slot <= to;
    }

    /** Waits until a node other than {@code failed} serves {@code slot} and the cluster is OK: a fail-over is over. */
    public void awaitFailover(int slot, RedisProcess failed, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (servingNode(slot) != failed) {
                    awaitHealthy(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
                    return;
                }
            } catch (IllegalStateException notYet) {
                // no node serves it yet
            }
            sleep(100);
        }
        throw new IllegalStateException("slot " + slot + " was not failed over within " + timeout);
    }

    /** Waits until every node still alive says the cluster is OK again (after a fail-over). */
    public void awaitHealthy(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            List<RedisProcess> alive =
                    nodes().stream().filter(RedisProcess::isRunning).toList();
            if (alive.stream().allMatch(this::clusterOk)) {
                return;
            }
            sleep(100);
        }
        throw new IllegalStateException("the cluster did not become healthy within " + timeout);
    }

    private boolean clusterOk(RedisProcess node) {
        try {
            return info(node, null).contains("cluster_state:ok");
        } catch (RuntimeException e) {
            return false;
        }
    }

    private List<RedisProcess> nodes() {
        List<RedisProcess> all = new ArrayList<>(primaries);
        all.addAll(replicas);
        return all;
    }

    private static String nodeId(RedisProcess node) {
        return String.valueOf(call(node, "CLUSTER", "MYID"));
    }

    private static String clusterNodes(RedisProcess node) {
        return String.valueOf(call(node, "CLUSTER", "NODES"));
    }

    /** {@code INFO section}, or {@code CLUSTER INFO} when section is null. */
    private static String info(RedisProcess node, String section) {
        return String.valueOf(section == null ? call(node, "CLUSTER", "INFO") : call(node, "INFO", section));
    }

    private static Object call(RedisProcess node, String... command) {
        try (RespClient client = new RespClient(node.port())) {
            return client.call(command);
        }
    }

    private static void awaitTrue(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + FORM_TIMEOUT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Redis Cluster: not reached within " + FORM_TIMEOUT + ": " + what);
            }
            sleep(50);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        nodes().forEach(RedisProcess::close);
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException ignored) {
            // a temporary directory: left for the OS
        }
    }

    /** The Redis Cluster slot of a key: CRC16 (XMODEM) of its hash tag, or of the whole key without one. */
    public static int slot(String key) {
        int open = key.indexOf('{');
        if (open >= 0) {
            int close = key.indexOf('}', open + 1);
            if (close > open + 1) {
                key = key.substring(open + 1, close);
            }
        }
        return crc16(key.getBytes(StandardCharsets.UTF_8)) % SLOTS;
    }

    static int crc16(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= (b & 0xff) << 8;
            for (int i = 0; i < 8; i++) {
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x1021 : crc << 1;
            }
        }
        return crc & 0xffff;
    }

    /**
     * Tenant names, {@code perPrimary} for each of the three primaries' slot ranges: the first name whose keys
     * ({@code dg:{t:<name>}:…}) fall in each range, counting up from {@code <base>-0}.
     */
    public static List<String> tenantsOnEveryPrimary(String base, int perPrimary) {
        List<List<String>> byRange = new ArrayList<>();
        for (int i = 0; i < PRIMARIES; i++) {
            byRange.add(new ArrayList<>());
        }
        for (int n = 0; byRange.stream().anyMatch(names -> names.size() < perPrimary); n++) {
            String name = base + "-" + n;
            List<String> names = byRange.get(rangeOf(slot("dg:{t:" + name + "}:")));
            if (names.size() < perPrimary) {
                names.add(name);
            }
        }
        return byRange.stream().flatMap(List::stream).toList();
    }
}
