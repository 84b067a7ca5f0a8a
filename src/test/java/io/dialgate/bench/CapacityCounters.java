package io.dialgate.bench;

import io.dialgate.testing.RespClient;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the capacity model is about, read at one instant: Redis's command counters ({@code INFO commandstats}, which
 * count the commands a Lua script runs as well as the script call itself), Redis's CPU ({@code INFO cpu}:
 * used_cpu_sys + used_cpu_user of the redis-server process), its memory ({@code used_memory} less client buffers)
 * and dialgate's CPU
 * ({@code /proc/<pid>/stat}). Two readings make a {@link Delta}.
 */
record CapacityCounters(
        long nanos,
        Map<String, Long> commandCalls,
        long totalCommandsProcessed,
        double redisCpuSeconds,
        long usedMemory,
        Keyspace keyspace,
        double dialgateCpuSeconds) {

    /**
     * The keyspace and what its hash tables take. Redis's main and expires dictionaries grow by doubling, so a few
     * hundred keys can add a step of hundreds of KiB; the model therefore counts keys per operation and computes the
     * tables ({@link #tableBytes}) rather than folding their steps into bytes per operation.
     *
     * @param dataBytes used_memory less client buffers and the two hash tables (MEMORY STATS)
     */
    record Keyspace(long keys, long expires, long dataBytes) {

        /** On average over a keyspace's growth, slots are 1.5 per key: 24 + 12 bytes a key. */
        static final double AVERAGE_BYTES_PER_KEY = 36;

        /** A dictionary of {@code n} entries: 24-byte entries and 8-byte slots, a power of two of them (Redis's dict). */
        static double tableBytes(double n) {
            if (n <= 0) {
                return 0;
            }
            return 24 * n + 8 * Math.max(4, Long.highestOneBit((long) Math.ceil(n) - 1) << 1);
        }
    }

    /** Script invocations (what dialgate sends as one request); every other command counted was run inside one. */
    static final java.util.Set<String> SCRIPT_COMMANDS = java.util.Set.of("evalsha", "eval", "evalsha_ro", "eval_ro");

    /** Our own reading ({@code INFO}), left out of every count. */
    private static final String OWN_READING = "info";

    static CapacityCounters read(RespClient redis, long dialgatePid, boolean settleMemory) {
        long memory = settleMemory ? settledDataMemory(redis) : dataMemory(redis);
        Keyspace keyspace = keyspace(redis, memory);
        String stats = String.valueOf(redis.call("INFO", "commandstats"));
        Map<String, Long> calls = new TreeMap<>();
        for (String line : stats.split("\r\n")) {
            if (line.startsWith("cmdstat_")) {
                String name = line.substring("cmdstat_".length(), line.indexOf(':'));
                String fields = line.substring(line.indexOf(':') + 1);
                for (String field : fields.split(",")) {
                    if (field.startsWith("calls=")) {
                        calls.put(name.toLowerCase(java.util.Locale.ROOT), Long.parseLong(field.substring(6)));
                    }
                }
            }
        }
        long total = redis.info("stats", "total_commands_processed");
        String cpu = String.valueOf(redis.call("INFO", "cpu"));
        double redisCpu = field(cpu, "used_cpu_sys") + field(cpu, "used_cpu_user");
        return new CapacityCounters(
                System.nanoTime(), calls, total, redisCpu, memory, keyspace, CpuTime.seconds(dialgatePid));
    }

    /** From {@code this} (earlier) to {@code later}. */
    Delta until(CapacityCounters later) {
        Map<String, Long> calls = new TreeMap<>();
        later.commandCalls.forEach((name, n) -> {
            long d = n - commandCalls.getOrDefault(name, 0L);
            if (d > 0 && !name.equals(OWN_READING)) {
                calls.put(name, d);
            }
        });
        return new Delta(
                (later.nanos - nanos) / 1e9,
                calls,
                later.totalCommandsProcessed - totalCommandsProcessed,
                later.redisCpuSeconds - redisCpuSeconds,
                later.usedMemory - usedMemory,
                new Keyspace(
                        later.keyspace.keys - keyspace.keys,
                        later.keyspace.expires - keyspace.expires,
                        later.keyspace.dataBytes - keyspace.dataBytes),
                later.dialgateCpuSeconds - dialgateCpuSeconds);
    }

    /**
     * What happened between two readings.
     *
     * @param totalCommandsProcessed Redis's own counter (our INFO calls included); shown beside the commandstats sum
     */
    record Delta(
            double seconds,
            Map<String, Long> commandCalls,
            long totalCommandsProcessed,
            double redisCpuSeconds,
            long usedMemory,
            Keyspace keyspace,
            double dialgateCpuSeconds) {

        /** Every command Redis ran for dialgate, those inside scripts included. */
        long commands() {
            return commandCalls.values().stream().mapToLong(Long::longValue).sum();
        }

        long scriptCalls() {
            return commandCalls.entrySet().stream()
                    .filter(e -> SCRIPT_COMMANDS.contains(e.getKey()))
                    .mapToLong(Map.Entry::getValue)
                    .sum();
        }
    }

    private static double field(String info, String name) {
        for (String line : info.split("\r\n")) {
            if (line.startsWith(name + ":")) {
                return Double.parseDouble(line.substring(name.length() + 1).trim());
            }
        }
        throw new IllegalStateException("INFO has no field " + name);
    }

    /** Keys and expiring keys of every database, and the memory less the two keyspace hash tables. */
    private static Keyspace keyspace(RespClient redis, long memory) {
        long keys = 0;
        long expires = 0;
        for (String line : String.valueOf(redis.call("INFO", "keyspace")).split("\r\n")) {
            if (line.startsWith("db") && line.contains("keys=")) {
                for (String field : line.substring(line.indexOf(':') + 1).split(",")) {
                    if (field.startsWith("keys=")) {
                        keys += Long.parseLong(field.substring(5));
                    } else if (field.startsWith("expires=")) {
                        expires += Long.parseLong(field.substring(8));
                    }
                }
            }
        }
        long tables = 0;
        List<?> stats = (List<?>) redis.call("MEMORY", "STATS");
        for (int i = 0; i + 1 < stats.size(); i += 2) {
            if (String.valueOf(stats.get(i)).startsWith("db.") && stats.get(i + 1) instanceof List<?> db) {
                for (int j = 0; j + 1 < db.size(); j += 2) {
                    String name = String.valueOf(db.get(j));
                    if (name.startsWith("overhead.hashtable.") && db.get(j + 1) instanceof Long bytes) {
                        tables += bytes;
                    }
                }
            }
        }
        return new Keyspace(keys, expires, memory - tables);
    }

    /**
     * used_memory less the clients' query and output buffers ({@code mem_clients_normal}): those follow the traffic of
     * the moment (dialgate's pooled connections, our own reading), not the state the model counts.
     */
    private static long dataMemory(RespClient redis) {
        String info = String.valueOf(redis.call("INFO", "memory"));
        return (long) (field(info, "used_memory") - field(info, "mem_clients_normal"));
    }

    /** {@link #dataMemory}, read a little apart until it stops moving (lazy frees settle). */
    private static long settledDataMemory(RespClient redis) {
        long last = dataMemory(redis);
        for (int i = 0; i < 10; i++) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return last;
            }
            long now = dataMemory(redis);
            if (Math.abs(now - last) < 512) {
                return now;
            }
            last = now;
        }
        return last;
    }
}
