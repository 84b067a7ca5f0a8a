package io.dialgate.testing;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.Lifespan;
import net.jqwik.api.lifecycle.ParameterResolutionContext;
import net.jqwik.api.lifecycle.PropagationMode;
import net.jqwik.api.lifecycle.ResolveParameterHook;
import net.jqwik.api.lifecycle.Store;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The packaged dialgate ({@link DialgateProcess}) on a real {@code redis-server}, the Genesys simulator as its Genesys,
 * serving {@link TestTenants}' acme with the test profile's timings — for tests that cannot run inside a
 * {@code @QuarkusTest}, such as jqwik properties (jqwik is a test engine of its own; Quarkus' test extension is
 * JUnit Jupiter's). Needs {@code target/quarkus-app}: such tests are {@code *IT}s.
 *
 * <p>A jqwik property gets it as a parameter with {@code @AddLifecycleHook(PackagedDialgate.Resolver.class)} on its
 * class: one instance for the whole run, shared by every such class, stopped when the run ends.
 */
public record PackagedDialgate(RedisProcess redis, GenesysSimulator genesys, DialgateProcess dialgate)
        implements AutoCloseable, Store.CloseOnReset {

    /** Resolves a property's {@code PackagedDialgate} parameter, starting it on first use. */
    public static final class Resolver implements ResolveParameterHook {

        @Override
        public Optional<ParameterSupplier> resolve(ParameterResolutionContext parameter, LifecycleContext lifecycle) {
            if (!parameter.typeUsage().isOfType(PackagedDialgate.class)) {
                return Optional.empty();
            }
            return Optional.of(
                    anyTry -> Store.getOrCreate(PackagedDialgate.class, Lifespan.RUN, PackagedDialgate::start)
                            .get());
        }

        @Override
        public PropagationMode propagateTo() {
            return PropagationMode.ALL_DESCENDANTS;
        }
    }

    /** The retry timings of src/test/resources/application.properties: a write to an idle contact goes out at once. */
    private static final Map<String, String> TEST_TIMINGS = Map.of(
            "DIALGATE_DISPATCH_IDLE_CHECK", "500MS",
            "DIALGATE_DISPATCH_BACKOFF_BASE", "100MS",
            "DIALGATE_DISPATCH_BUSY_BACKOFF_CAP", "1S",
            "DIALGATE_DISPATCH_ERROR_BACKOFF_CAP", "2S",
            "DIALGATE_DISPATCH_SHUTDOWN_DRAIN", "2S");

    public static PackagedDialgate start() {
        RedisProcess redis = RedisProcess.start();
        GenesysSimulator genesys = null;
        try {
            genesys = GenesysSimulator.start(SimulatorOptions.builder()
                    .client(TestTenants.ACME_CLIENT_ID, TestTenants.ACME_CLIENT_SECRET)
                    .requestsPerMinute(1_000_000)
                    .build());
            DialgateProcess dialgate = DialgateProcess.launch(
                            redis.uri(),
                            new DialgateProcess.TenantSetup(
                                    TestTenants.ACME,
                                    genesys.baseUrl(),
                                    TestTenants.ACME_CLIENT_ID,
                                    TestTenants.ACME_CLIENT_SECRET,
                                    60_000,
                                    TestTenants.ACME_INGEST_TOKEN,
                                    TestTenants.ACME_CRM_TOKEN,
                                    Duration.ofMinutes(30)))
                    .jvmOptions("-Xmx256m")
                    .environment(TEST_TIMINGS)
                    .start();
            return new PackagedDialgate(redis, genesys, dialgate);
        } catch (RuntimeException e) {
            if (genesys != null) {
                genesys.close();
            }
            redis.close();
            throw e;
        }
    }

    /** acme's CRM and event relay, calling this dialgate. */
    public DialgateClient acme() {
        return DialgateClient.acme().at(dialgate.baseUri());
    }

    @Override
    public void close() {
        dialgate.close();
        genesys.close();
        redis.close();
    }
}
