package io.dialgate.dispatch;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.ScriptedResponse;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.ManagementInterface;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 10, hole 2: whatever the token endpoint answers, no write fails or is marked APPLIED for it; the tenant is
 * marked (health details, stats, metric) and its writes apply once a token is had. tyrell and oscorp are used by no
 * other test, and the scripted answers are for their OAuth clients only.
 */
@QuarkusTest
class TokenTroubleTest {

    private static final int FAULTY_ANSWERS = 6;

    @InjectSimulator
    GenesysSimulator genesys;

    private final String list = TestTenants.newListId();

    private static String metrics() {
        return ManagementInterface.metrics();
    }

    @Test
    void aTwoHundredWithoutAccessTokenNeitherAppliesNorFailsTheWriteWhichAppliesOnceATokenIsHad() {
        expectTrouble(
                "tyrell",
                ScriptedResponse.of(200, Map.of("Content-Type", "text/html"), "<html><body>Proxy login</body></html>"),
                "login_unreachable",
                "Genesys login unreachable");
    }

    @Test
    void aFourHundredInvalidClientMarksCredentialsRefusedAndTheWriteWaits() {
        expectTrouble(
                "oscorp",
                ScriptedResponse.of(
                        400, Map.of(), "{\"error\":\"invalid_client\",\"description\":\"client not found\"}"),
                "credentials_refused",
                "credentials refused by Genesys");
    }

    private void expectTrouble(String tenant, ScriptedResponse tokenAnswer, String metricLabel, String description) {
        DialgateClient client = TestTenants.client(tenant);
        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        for (int i = 0; i < FAULTY_ANSWERS; i++) {
            genesys.faults().nextToken(tenant + "-client", tokenAnswer.withDelay(Duration.ofMillis(400)));
        }

        String writeId = client.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        await().atMost(Duration.ofSeconds(10))
                .until(() -> !List.of("QUEUED", "IN_FLIGHT").contains(client.state(writeId))
                        || client.status(writeId).then().extract().path("lastError.call") != null);
        String state = client.state(writeId);
        assertTrue(List.of("QUEUED", "IN_FLIGHT").contains(state), "the write waits for a token, it is " + state);
        assertTrue(genesys.requestLog().puts(list, contact).isEmpty(), "no PUT without a token");
        client.status(writeId).then().body("lastError.call", equalTo("TOKEN"));
        String gauge = "dialgate_tenant_login_trouble{tenant=\"" + tenant + "\",trouble=\"" + metricLabel + "\"} 1.0";
        assertTrue(metrics().contains(gauge), "metric " + gauge);
        ManagementInterface.given()
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'dialgate tenants' }.data." + tenant, equalTo(description));
        client.crm()
                .get("/v1/tenants/" + tenant + "/stats")
                .then()
                .statusCode(200)
                .body("loginTrouble", equalTo(description));

        await().atMost(Duration.ofSeconds(30)).until(() -> client.state(writeId).equals("APPLIED"));
        assertEquals(
                "gold",
                genesys.contacts().get(list, contact).orElseThrow().data().get("tier"));
        await().atMost(Duration.ofSeconds(5)).until(() -> metrics().contains(gauge.replace("1.0", "0.0")));
        assertFalse(metrics().contains(tenant + "-client-secret-value"), "no secret in metrics");
    }
}
