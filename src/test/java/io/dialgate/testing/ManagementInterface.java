package io.dialgate.testing;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InstanceHandle;
import io.quarkus.value.registry.ValueRegistry;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import org.eclipse.microprofile.config.ConfigProvider;

import java.net.URI;

/**
 * The application's management interface (health and metrics; {@code quarkus.management.enabled}), which listens on its
 * own port, never on the API port. In a {@code @QuarkusTest} that port is a random free one
 * ({@code quarkus.management.test-port=0}); in the {@code *IT} suite {@code ItTenantsResource} picks a free port for the
 * packaged application and names it in the system property {@link #PORT_PROPERTY}.
 */
public final class ManagementInterface {

    /** Set by the {@code *IT} suite's resource to the management port it gave the packaged application. */
    public static final String PORT_PROPERTY = "dialgate.it.management-port";

    private static final String TEST_PORT = "quarkus.management.test-port";

    private ManagementInterface() {}

    /** {@code http://host:port} of the management interface, without the {@code /q} root. */
    public static String baseUrl() {
        String itPort = System.getProperty(PORT_PROPERTY);
        if (itPort != null) {
            return "http://localhost:" + itPort;
        }
        return "http://localhost:" + inProcessPort();
    }

    /**
     * The port the management interface of the {@code @QuarkusTest} application actually listens on: Quarkus records
     * it in its value registry under {@code quarkus.management.test-port} (the configured 0 means "any free port").
     */
    private static int inProcessPort() {
        InstanceHandle<ValueRegistry> registry = Arc.container().instance(ValueRegistry.class);
        Integer port = registry.isAvailable()
                ? registry.get().getOrDefault(ValueRegistry.RuntimeKey.intKey(TEST_PORT), null)
                : ConfigProvider.getConfig()
                        .getOptionalValue(TEST_PORT, Integer.class)
                        .orElse(null);
        if (port == null || port == 0) {
            throw new IllegalStateException("the management interface of the application under test has no port yet");
        }
        return port;
    }

    /** A request to the management interface, e.g. {@code ManagementInterface.given().get("/q/health/ready")}. */
    public static RequestSpecification given() {
        return RestAssured.given().baseUri(baseUrl()).port(URI.create(baseUrl()).getPort());
    }

    /** The Prometheus text of {@code /q/metrics}. */
    public static String metrics() {
        return given().get("/q/metrics").then().statusCode(200).extract().asString();
    }
}
