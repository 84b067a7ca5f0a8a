package io.dialgate.operations;

import io.dialgate.redis.RedisPersistenceCheck;
import io.dialgate.testing.ManagementInterface;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * Health details (tenant names, "credentials refused", "paused") and metrics are for the cluster, not for whoever
 * reaches the API: they are served on the management interface only, and the API port answers 404 for {@code /q/*}.
 */
@QuarkusTest
class ManagementInterfaceTest {

    @Test
    void theApiPortAnswers404ForHealthAndMetrics() {
        for (String path : new String[] {
            "/q/metrics", "/q/health", "/q/health/ready", "/q/health/live", "/q/health/started", "/q/anything"
        }) {
            given().get(path).then().statusCode(404);
        }
    }

    @Test
    void theManagementInterfaceServesHealthAndMetricsOnItsOwnPort() {
        assertNotEquals(
                RestAssured.port, URI.create(ManagementInterface.baseUrl()).getPort(), "a port of its own");
        ManagementInterface.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
        ManagementInterface.given().get("/q/health/live").then().statusCode(200);
        ManagementInterface.given().get("/q/health/started").then().statusCode(200);
        ManagementInterface.given().get("/q/metrics").then().statusCode(200).body(containsString("dialgate_"));
    }

    @Test
    void redisWithoutPersistenceIsSaidInAMetric() {
        // the tests' redis-server runs with --save "" --appendonly no
        String metric = RedisPersistenceCheck.METRIC.prometheusName();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> ManagementInterface.metrics().contains(metric + " 1.0"));
    }
}
