package io.dialgate.bench;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.DialgateProcess.TenantSetup;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.TestTenants;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

/**
 * What {@code dialgate.redis.replica-acks=1} adds to a CRM write: the packaged dialgate on a Redis primary with one
 * replica (both local), sequential PATCHes with replica-acks 0 then 1, latency percentiles of each. Run after
 * {@code ./mvnw package}: {@code java -cp <test classpath> io.dialgate.bench.ReplicaAckLatency [writes]}.
 */
public final class ReplicaAckLatency {

    private ReplicaAckLatency() {}

    public static void main(String[] args) throws Exception {
        int writes = args.length > 0 ? Integer.parseInt(args[0]) : 500;
        try (RedisProcess primary = RedisProcess.start();
                RedisProcess replica = RedisProcess.start();
                GenesysSimulator genesys = GenesysSimulator.start(SimulatorOptions.builder()
                        .client("bench-client", "bench-client-secret")
                        .requestsPerMinute(1_000_000)
                        .build())) {
            replica.replicate(primary);
            for (int acks : new int[] {0, 1}) {
                try (DialgateProcess dialgate = DialgateProcess.launch(
                                primary.uri(),
                                new TenantSetup(
                                        "acme",
                                        genesys.baseUrl(),
                                        "bench-client",
                                        "bench-client-secret",
                                        600,
                                        "bench-ingest-token",
                                        "bench-crm-token",
                                        Duration.ofMinutes(30)))
                        .jvmOptions("-Xmx256m")
                        .environment(Map.of("DIALGATE_REDIS_REPLICA_ACKS", Integer.toString(acks)))
                        .start()) {
                    long[] micros = measure(dialgate.baseUri(), writes);
                    System.out.printf(
                            "replica-acks=%d: %d writes, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms%n",
                            acks, writes, percentile(micros, 50), percentile(micros, 90), percentile(micros, 99));
                }
            }
        }
    }

    private static long[] measure(URI base, int writes) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String list = TestTenants.newListId();
        long[] micros = new long[writes];
        for (int i = -200; i < writes; i++) { // the first 200 warm the JIT and the pools
            HttpRequest request = HttpRequest.newBuilder(
                            base.resolve("/v1/tenants/acme/contactlists/" + list + "/contacts/c-" + (i & 1023)))
                    .header("Authorization", "Bearer bench-crm-token")
                    .header("Content-Type", "application/json")
                    .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":{\"n\":\"" + i + "\"}}"))
                    .build();
            long start = System.nanoTime();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 202) {
                throw new IllegalStateException("write answered " + response.statusCode() + ": " + response.body());
            }
            if (i >= 0) {
                micros[i] = (System.nanoTime() - start) / 1_000;
            }
        }
        return micros;
    }

    private static double percentile(long[] micros, int p) {
        long[] sorted = micros.clone();
        Arrays.sort(sorted);
        return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)] / 1000.0;
    }
}
