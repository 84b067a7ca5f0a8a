package io.dialgate.bench;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.RespClient;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code bench/capacity}: Redis, the Genesys simulator and dialgate from the production jar (one process serving a
 * warm-up tenant, a calibration tenant and the check's tenants), then {@link CapacityRun}; prints the tables and
 * writes them to {@code bench/results/capacity.md} and the results section of {@code docs/CAPACITY.md}. Exits 2 when
 * a figure of the check misses the model by more than 25 %.
 */
public final class CapacityMain {

    // benchmark values, never printed: the simulator and dialgate only need both sides to agree
    private static final String CLIENT_ID = "dialgate-capacity";
    private static final String CLIENT_SECRET = "capacity-client-secret";
    private static final int REQUESTS_PER_MINUTE = 600_000;
    static final String START = "<!-- capacity-results:start -->";
    static final String END = "<!-- capacity-results:end -->";

    private CapacityMain() {}

    public static void main(String[] args) throws Exception {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        CapacitySettings settings = CapacitySettings.fromSystemProperties();
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy),
                        "capacity-children"));
        Files.createDirectories(settings.outDir());
        List<DialgateProcess.TenantSetup> setups = new ArrayList<>();
        setups.add(tenant("capwarm", null));
        setups.add(tenant("capcal", null));
        setups.add(tenant("capcal2", null));
        for (int i = 1; i <= settings.checkTenants(); i++) {
            setups.add(tenant("cap" + i, null));
        }
        CapacityRun.Outcome outcome;
        try (RedisProcess redis = RedisProcess.start();
                GenesysSimulator genesys = GenesysSimulator.start(SimulatorOptions.builder()
                        .client(CLIENT_ID, CLIENT_SECRET)
                        .requestsPerMinute(REQUESTS_PER_MINUTE)
                        .build())) {
            List<DialgateProcess.TenantSetup> tenants = setups.stream()
                    .map(s -> tenant(s.name(), genesys.baseUrl()))
                    .toList();
            System.out.println("» dialgate " + settings.appDir().resolve("quarkus-run.jar") + " with " + tenants.size()
                    + " tenants");
            try (DialgateProcess dialgate = DialgateProcess.launch(redis.uri(), tenants)
                            .appDir(settings.appDir())
                            .log(settings.outDir().resolve("dialgate-capacity.log"))
                            .start();
                    RespClient resp = new RespClient(redis.port());
                    CapacityTraffic traffic = new CapacityTraffic(EventCorpus.create())) {
                List<GateTarget> targets = tenants.stream()
                        .map(t -> target(dialgate, t, genesys, redis.port()))
                        .toList();
                CapacityProbe probe = new CapacityProbe(resp, dialgate.pid(), traffic, genesys, System.out);
                outcome = CapacityRun.run(
                        settings,
                        probe,
                        targets.get(0),
                        targets.get(1),
                        targets.get(2),
                        targets.subList(3, targets.size()),
                        tenants.size());
            }
        }
        publish(settings, outcome);
        System.exit(outcome.passed() ? 0 : 2);
    }

    private static DialgateProcess.TenantSetup tenant(String name, String genesysUrl) {
        return DialgateProcess.TenantSetup.named(
                name,
                genesysUrl == null ? "http://127.0.0.1:1" : genesysUrl,
                CLIENT_ID,
                CLIENT_SECRET,
                REQUESTS_PER_MINUTE,
                Duration.ofMinutes(10));
    }

    private static GateTarget target(
            DialgateProcess dialgate, DialgateProcess.TenantSetup t, GenesysSimulator genesys, int redisPort) {
        return new GateTarget(
                dialgate.baseUrl(),
                dialgate.managementUrl(),
                t.name(),
                t.ingestToken(),
                t.crmToken(),
                genesys,
                CLIENT_ID,
                CLIENT_SECRET,
                redisPort,
                dialgate.pid());
    }

    private static void publish(CapacitySettings settings, CapacityRun.Outcome outcome) throws Exception {
        Path file = settings.outDir().resolve("capacity.md");
        Files.writeString(file, outcome.table());
        System.out.println();
        System.out.println(outcome.table());
        System.out.println("written to " + file);
        if (settings.doc() != null && Files.exists(settings.doc())) {
            Files.writeString(settings.doc(), replace(Files.readString(settings.doc()), outcome.table()));
            System.out.println("and to the results section of " + settings.doc());
        }
    }

    static String replace(String doc, String results) {
        int start = doc.indexOf(START);
        int end = doc.indexOf(END);
        if (start < 0 || end < start) {
            return doc + "\n## Latest run\n\n" + START + "\n" + results + END + "\n";
        }
        return doc.substring(0, start + START.length()) + "\n" + results + doc.substring(end);
    }
}
