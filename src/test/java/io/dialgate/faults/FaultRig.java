package io.dialgate.faults;

import io.dialgate.demo.CampaignPlan;
import io.dialgate.demo.SimulatedCrm;
import io.dialgate.demo.WriteGenerator;
import io.dialgate.simulator.CampaignRun;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.TestTenants;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything one scenario runs on: a real {@code redis-server} (optionally behind a {@link CuttableTcpProxy}), the
 * Genesys simulator of tenant acme (and of globex when asked), one or two instances of the packaged dialgate, the
 * dialer's campaign whose events reach dialgate through an {@link EventRelay}, and the CRM's steady writes.
 */
final class FaultRig implements AutoCloseable {

    /** How Redis keeps its data. */
    enum Persistence {
        NONE,
        AOF_ALWAYS,
        AOF_EVERYSEC
    }

    /**
     * @param instances     dialgate processes sharing Redis
     * @param persistence   Redis persistence
     * @param proxied       dialgate reaches Redis through a proxy the scenario can cut
     * @param secondTenant  also tenant globex, on a Genesys simulator of its own
     * @param configuration extra dialgate configuration properties (system properties of each instance)
     * @param chaos         what the event relay does to events
     */
    record Options(
            int instances,
            Persistence persistence,
            boolean proxied,
            boolean secondTenant,
            Map<String, String> configuration,
            EventRelay.Chaos chaos) {

        static Options standard() {
            return new Options(1, Persistence.NONE, false, false, Map.of(), EventRelay.Chaos.NONE);
        }

        Options withInstances(int value) {
            return new Options(value, persistence, proxied, secondTenant, configuration, chaos);
        }

        Options withPersistence(Persistence value) {
            return new Options(instances, value, proxied, secondTenant, configuration, chaos);
        }

        Options withProxy() {
            return new Options(instances, persistence, true, secondTenant, configuration, chaos);
        }

        Options withSecondTenant() {
            return new Options(instances, persistence, proxied, true, configuration, chaos);
        }

        Options withConfiguration(Map<String, String> value) {
            return new Options(instances, persistence, proxied, secondTenant, value, chaos);
        }

        Options withChaos(EventRelay.Chaos value) {
            return new Options(instances, persistence, proxied, secondTenant, configuration, value);
        }
    }

    static final String TENANT = TestTenants.ACME;
    static final String OTHER_TENANT = TestTenants.GLOBEX;

    private final Options options;
    private final FaultScale scale;
    private final Path workDir;
    private final RedisProcess redis;
    private final CuttableTcpProxy proxy;
    private final GenesysSimulator genesys;
    private final GenesysSimulator otherGenesys;
    private final List<DialgateProcess> slots = new CopyOnWriteArrayList<>();
    private final List<Path> logs = new CopyOnWriteArrayList<>();
    private final CampaignPlan plan;
    private final EventRelay relay;
    private final DialWitness dialWitness;
    private final InstancesWritePath writes;
    private SimulatedCrm crm;
    private CampaignRun campaign;
    private int nextInstance;

    FaultRig(Options options, FaultScale scale) {
        this.options = options;
        this.scale = scale;
        this.workDir = temporaryDir();
        this.redis = switch (options.persistence()) {
            case NONE -> RedisProcess.start();
            case AOF_ALWAYS -> RedisProcess.startWithAof(workDir, "always");
            case AOF_EVERYSEC -> RedisProcess.startWithAof(workDir, "everysec");
        };
        this.proxy = options.proxied() ? new CuttableTcpProxy(redis.port()) : null;
        this.genesys = GenesysSimulator.start(SimulatorOptions.builder()
                .client(TestTenants.ACME_CLIENT_ID, TestTenants.ACME_CLIENT_SECRET)
                .requestsPerMinute(6_000)
                .build());
        this.otherGenesys = options.secondTenant()
                ? GenesysSimulator.start(SimulatorOptions.builder()
                        .client(TestTenants.GLOBEX_CLIENT_ID, TestTenants.GLOBEX_CLIENT_SECRET)
                        .requestsPerMinute(6_000)
                        .build())
                : null;
        this.plan = CampaignPlan.standard(TestTenants.newListId(), scale.contacts(), 11)
                .withDialsPerMinute(scale.dialsPerMinute());
        plan.seed(genesys);
        this.dialWitness =
                new DialWitness(redis.port(), TENANT, plan.contactListId(), genesys.contacts()::isInActiveDial);
        genesys.requestLog().observePuts(dialWitness::observe);
        for (int i = 0; i < options.instances(); i++) {
            slots.add(launch());
        }
        this.relay = new EventRelay(
                () -> liveInstance().baseUrl() + "/v1/tenants/" + TENANT + "/events",
                TestTenants.ACME_INGEST_TOKEN,
                options.chaos());
        genesys.dialer().setEventsSink(relay.url(), null);
        this.writes = new InstancesWritePath(
                TENANT,
                TestTenants.ACME_CRM_TOKEN,
                options.instances(),
                slot -> slots.get(slot).baseUrl());
    }

    private DialgateProcess launch() {
        List<DialgateProcess.TenantSetup> tenants = new ArrayList<>();
        // The tenants file sets each tenant's active-dial-ttl and wins over a system property of the same name (a
        // scenario's shorter TTL was not applied: dials whose end events were lost stayed on for 10 min), so a
        // scenario's TTL goes into the file.
        Duration activeDialTtl = Optional.ofNullable(
                        options.configuration().get("dialgate.tenants." + TENANT + ".active-dial-ttl"))
                .map(ttl -> Duration.parse("PT" + ttl))
                .orElse(Duration.ofMinutes(10));
        tenants.add(new DialgateProcess.TenantSetup(
                TENANT,
                genesys.baseUrl(),
                TestTenants.ACME_CLIENT_ID,
                TestTenants.ACME_CLIENT_SECRET,
                6_000,
                TestTenants.ACME_INGEST_TOKEN,
                TestTenants.ACME_CRM_TOKEN,
                activeDialTtl));
        if (otherGenesys != null) {
            tenants.add(new DialgateProcess.TenantSetup(
                    OTHER_TENANT,
                    otherGenesys.baseUrl(),
                    TestTenants.GLOBEX_CLIENT_ID,
                    TestTenants.GLOBEX_CLIENT_SECRET,
                    6_000,
                    TestTenants.GLOBEX_INGEST_TOKEN,
                    TestTenants.GLOBEX_CRM_TOKEN,
                    Duration.ofMinutes(10)));
        }
        Path log = workDir.resolve("dialgate-" + (nextInstance++) + ".log");
        logs.add(log);
        // C1 only: a start-up on a loaded 2-core machine spends most of its CPU in C2 compiler threads, and scenario 1
        // waits for a replacement after every kill; the suite checks outcomes, not the JIT's throughput.
        List<String> jvm = new ArrayList<>(List.of("-Xmx256m", "-XX:TieredStopAtLevel=1"));
        options.configuration().forEach((name, value) -> jvm.add("-D" + name + "=" + value));
        return DialgateProcess.launch(proxy != null ? proxy.uri() : redis.uri(), tenants)
                .jvmOptions(jvm.toArray(String[]::new))
                .log(log)
                .readyTimeout(Duration.ofMinutes(5))
                .start();
    }

    /** Starts the dialer's campaign and the CRM's writes. */
    void startLoad() {
        campaign = genesys.dialer().runCampaign(plan.settings());
        crm = SimulatedCrm.live(
                new WriteGenerator(plan, genesys, 0.3, 5),
                scale.writesPerSecond(),
                List.of(new SimulatedCrm.Lane(writes, genesys)));
        crm.start();
    }

    /** Stops the CRM, lets the dialer end the dials in progress (with their events), waits for the relay. */
    void stopLoad() throws InterruptedException {
        crm.stop();
        writes.awaitSettled(Duration.ofSeconds(15));
        campaign.stop();
        relay.awaitDrained(Duration.ofSeconds(60));
    }

    /** kill -9 of the instance in {@code slot}. */
    void kill(int slot) throws InterruptedException {
        slots.get(slot).kill();
    }

    /** A new process for {@code slot} (after a kill): starts and waits until ready. */
    void replace(int slot) {
        slots.set(slot, launch());
    }

    DialgateProcess instance(int slot) {
        return slots.get(slot);
    }

    List<DialgateProcess> instances() {
        return List.copyOf(slots);
    }

    DialgateProcess liveInstance() {
        return slots.stream()
                .filter(DialgateProcess::isAlive)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no dialgate instance alive"));
    }

    boolean allReady() {
        return slots.stream().allMatch(p -> p.isAlive() && p.ready());
    }

    RedisProcess redis() {
        return redis;
    }

    Optional<CuttableTcpProxy> proxy() {
        return Optional.ofNullable(proxy);
    }

    GenesysSimulator genesys() {
        return genesys;
    }

    Optional<GenesysSimulator> otherGenesys() {
        return Optional.ofNullable(otherGenesys);
    }

    EventRelay relay() {
        return relay;
    }

    /** dialgate's Redis at each 409 of the campaign's list. */
    DialWitness dialWitness() {
        return dialWitness;
    }

    InstancesWritePath writes() {
        return writes;
    }

    CampaignPlan plan() {
        return plan;
    }

    FaultScale scale() {
        return scale;
    }

    /** Every dialgate log of this rig, killed instances' included. */
    List<Path> logs() {
        return List.copyOf(logs);
    }

    @Override
    public void close() {
        if (crm != null) {
            crm.stop();
        }
        writes.close();
        relay.close();
        slots.forEach(DialgateProcess::stop);
        genesys.close();
        if (otherGenesys != null) {
            otherGenesys.close();
        }
        if (proxy != null) {
            proxy.close();
        }
        redis.close();
    }

    private static Path temporaryDir() {
        try {
            return Files.createTempDirectory("dialgate-faults-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
