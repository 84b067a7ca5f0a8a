package io.dialgate.bench;

import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.DialgateProcess.TenantSetup;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.RespClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What configured tenants cost a dialgate pod while nothing happens: one packaged dialgate on its own Redis, serving
 * {@code n} tenants that receive no write and no event, measured after it settled. Threads, memory and idle work must
 * not grow with the number of tenants (issue 13): {@code bench/tenants} prints it for 1 and 1,000 tenants, and
 * {@code ManyTenantsIT} checks it on 200.
 */
public final class IdleTenants {

    /**
     * One measurement.
     *
     * @param startup process start to the first 200 of {@code /q/health/ready}
     * @param rssBytes resident memory at the end of the sample
     * @param threads live threads of the JVM at the end of the sample
     * @param cpuCores CPU used over the sample, in cores (1.0 = one core busy)
     * @param redisCommandsPerSecond commands Redis processed per second over the sample (the probe's own excluded)
     * @param redisInstantaneousOps Redis's own {@code instantaneous_ops_per_sec} at the end of the sample
     * @param scriptsPerSecond Lua scripts ({@code EVALSHA}/{@code EVAL}) run per second: claims, stats, …
     */
    public record Cost(
            int tenants,
            Duration startup,
            long rssBytes,
            int threads,
            double cpuCores,
            double redisCommandsPerSecond,
            long redisInstantaneousOps,
            double scriptsPerSecond) {}

    private IdleTenants() {}

    /** {@code count} tenants named {@code t0000}, {@code t0001}, …, whose Genesys is never called while they idle. */
    public static List<TenantSetup> tenants(int count, String genesysUrl) {
        List<TenantSetup> tenants = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String name = String.format("t%04d", i);
            tenants.add(TenantSetup.named(
                    name, genesysUrl, name + "-client", name + "-client-secret-value", 300, Duration.ofMinutes(30)));
        }
        return tenants;
    }

    /** Starts dialgate with {@code count} idle tenants on a fresh Redis, waits {@code settle}, samples {@code sample}. */
    public static Cost measure(Path appDir, int count, Duration settle, Duration sample, Map<String, String> env)
            throws InterruptedException {
        try (RedisProcess redis = RedisProcess.start();
                DialgateProcess dialgate = DialgateProcess.launch(redis.uri(), tenants(count, "http://127.0.0.1:9"))
                        .appDir(appDir)
                        .jvmOptions("-Xmx256m")
                        .environment(env)
                        .readyTimeout(Duration.ofMinutes(5))
                        .start();
                RespClient resp = new RespClient(redis.port())) {
            Thread.sleep(settle.toMillis());
            double cpuBefore = CpuTime.seconds(dialgate.pid());
            long commandsBefore = resp.info("stats", "total_commands_processed");
            long scriptsBefore = scripts(resp);
            long begin = System.nanoTime();
            Thread.sleep(sample.toMillis());
            long commandsAfter = resp.info("stats", "total_commands_processed");
            long scriptsAfter = scripts(resp);
            double seconds = (System.nanoTime() - begin) / 1e9;
            double cpu = CpuTime.seconds(dialgate.pid()) - cpuBefore;
            long instantaneous = resp.info("stats", "instantaneous_ops_per_sec");
            // the probe's own INFO calls between the two readings: one INFO stats and one INFO commandstats
            long probeCommands = 2;
            return new Cost(
                    count,
                    dialgate.startup(),
                    ProcessMemory.rssOf(dialgate.pid()),
                    threads(dialgate.pid()),
                    cpu / seconds,
                    Math.max(0, commandsAfter - commandsBefore - probeCommands) / seconds,
                    instantaneous,
                    (scriptsAfter - scriptsBefore) / seconds);
        }
    }

    /** Script runs so far, from {@code INFO commandstats}. */
    static long scripts(RespClient resp) {
        long calls = 0;
        for (String line : String.valueOf(resp.call("INFO", "commandstats")).split("\r\n")) {
            if (line.startsWith("cmdstat_evalsha:") || line.startsWith("cmdstat_eval:")) {
                String field = line.substring(line.indexOf("calls=") + 6);
                calls += Long.parseLong(field.substring(0, field.indexOf(',')));
            }
        }
        return calls;
    }

    static int threads(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("Threads:")) {
                    return Integer.parseInt(line.substring("Threads:".length()).trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
