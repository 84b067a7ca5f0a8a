package io.dialgate.testing;

import io.quarkus.test.common.http.TestHTTPResourceManager;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

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

    private ManagementInterface() {
    }

    /** {@code http://host:port} of the management interface, without the {@code /q} root. */
    public static String baseUrl() {
        String itPort = System.getProperty(PORT_PROPERTY);
        if (itPort != null) {
            return "http://localhost:" + itPort;
        }
        URI uri = URI.create(TestHTTPResourceManager.getManagementUri());
        return uri.getScheme() + "://" + uri.getHost() + ":" + uri.getPort();
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
