package io.dialgate.it;

import io.dialgate.testing.ManagementInterface;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

/** The packaged application's probes, as Kubernetes calls them, with Redis up. */
@QuarkusIntegrationTest
@WithTestResource(value = ItTenantsResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class HealthIT {

    @Test
    void livenessIsUp() {
        ManagementInterface.given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    }

    @Test
    void startupIsUp() {
        ManagementInterface.given()
                .get("/q/health/started")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"));
    }

    @Test
    void readinessIsUpAndReportsTheRedisCheck() {
        ManagementInterface.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem(containsString("Redis")))
                .body("checks.find { it.name.contains('Redis') }.status", equalTo("UP"));
    }
}
