package io.dialgate.gate;

import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.InjectRedisProcess;
import io.dialgate.testing.ManagementInterface;
import io.dialgate.testing.OpenApiConformance;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.RedisSnapshot;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The HTTP contract: every refusal is a problem+json saying what was wrong, and stores nothing. */
@QuarkusTest
@ExtendWith(OpenApiConformance.class)
class ApiContractTest {

    private static final String PROBLEM = "application/problem+json";
    private final DialgateClient acme = DialgateClient.acme();

    @InjectRedisProcess
    RedisProcess redisProcess;

    private final String list = TestTenants.newListId();
    private final String contact = TestTenants.newContactId();

    @Test
    void anAcceptedWriteAnswers202WithItsIdStateAndLocation() {
        acme.write(list, contact, "{\"data\":{\"tier\":\"gold\"}}")
                .then()
                .statusCode(202)
                .body("writeId", org.hamcrest.Matchers.matchesPattern("[0-9a-f-]{36}"))
                .body("state", equalTo("QUEUED"))
                .header("Location", containsString("/v1/tenants/acme/writes/"));
    }

    @Test
    void aWrongCrmTokenGets401AndStoresNothing() {
        Map<String, String> before = RedisSnapshot.of(redisProcess, list);

        given().header("Authorization", "Bearer not-the-token")
                .contentType(ContentType.JSON)
                .body("{\"data\":{\"tier\":\"gold\"}}")
                .patch("/v1/tenants/acme/contactlists/{l}/contacts/{c}", list, contact)
                .then()
                .statusCode(401)
                .contentType(PROBLEM)
                .body("status", equalTo(401))
                .body("detail", equalTo("Missing or invalid bearer token for this tenant."));

        assertEquals(before, RedisSnapshot.of(redisProcess, list));
    }

    @Test
    void theIngestTokenIsNotACrmToken() {
        given().header("Authorization", "Bearer " + TestTenants.ACME_INGEST_TOKEN)
                .contentType(ContentType.JSON)
                .body("{\"data\":{\"tier\":\"gold\"}}")
                .patch("/v1/tenants/acme/contactlists/{l}/contacts/{c}", list, contact)
                .then()
                .statusCode(401);
    }

    @Test
    void anUnknownTenantLooksExactlyLikeAWrongToken() {
        String unknown = given().header("Authorization", "Bearer acme-crm-token")
                .contentType(ContentType.JSON)
                .body("{\"data\":{\"a\":\"b\"}}")
                .patch("/v1/tenants/nosuch/contactlists/{l}/contacts/{c}", list, contact)
                .then()
                .statusCode(401)
                .extract()
                .asString();
        String wrong = given().header("Authorization", "Bearer nope")
                .contentType(ContentType.JSON)
                .body("{\"data\":{\"a\":\"b\"}}")
                .patch("/v1/tenants/acme/contactlists/{l}/contacts/{c}", list, contact)
                .then()
                .statusCode(401)
                .extract()
                .asString();
        assertEquals(wrong, unknown);
    }

    @Test
    void aWrongIngestTokenGets401AndStoresNothing() {
        Map<String, String> before = RedisSnapshot.of(redisProcess, list);

        given().header("Authorization", "Bearer wrong")
                .contentType(ContentType.JSON)
                .body("{\"topicName\":\"v2.outbound.voice.campaigns.contact.preContact\",\"eventBody\":{"
                        + "\"outboundContactListId\":\"" + list + "\",\"outboundContactId\":\"" + contact
                        + "\",\"eventTime\":1}}")
                .post("/v1/tenants/acme/events")
                .then()
                .statusCode(401)
                .contentType(PROBLEM);

        assertEquals(before, RedisSnapshot.of(redisProcess, list));
    }

    @Test
    void everyRotatedIngestTokenIsAccepted() {
        given().header("Authorization", "Bearer acme-ingest-old")
                .contentType(ContentType.JSON)
                .body("[]")
                .post("/v1/tenants/acme/events")
                .then()
                .statusCode(202);
    }

    @Test
    void malformedJsonGets400ProblemSayingSoAndStoresNothing() {
        Map<String, String> before = RedisSnapshot.of(redisProcess, list);

        acme.write(list, contact, "{\"data\": {\"tier\": ")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("title", equalTo("Bad Request"))
                .body("detail", startsWith("The body is not valid JSON"));
        acme.events("{\"topicName\": [")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("The body is not valid JSON"));

        assertEquals(before, RedisSnapshot.of(redisProcess, list));
    }

    @Test
    void aNonStringColumnValueGets400NamingTheColumn() {
        acme.write(list, contact, "{\"data\":{\"balance\":12.5}}")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("data.balance must be a string"));
    }

    @Test
    void aContactListIdWithAColonGets400() {
        acme.write("list:1", contact, "{\"data\":{\"a\":\"b\"}}")
                .then()
                .statusCode(400)
                .body("detail", startsWith("contactListId must be"));
    }

    @Test
    void aRefusedEventsRequestStoresNothingEvenWhenItsElementsWereValid() {
        Map<String, String> before = RedisSnapshot.of(redisProcess, list);
        String valid = io.dialgate.testing.GenesysEvents.preContact(list, contact, "c-1", 1)
                .toString();

        acme.events("[" + valid + ",").then().statusCode(400);

        assertEquals(before, RedisSnapshot.of(redisProcess, list));
    }

    @Test
    void aBodyOverOneMebibyteGets413AndStoresNothing() {
        Map<String, String> before = RedisSnapshot.of(redisProcess, list);
        String big = "{\"data\":{\"notes\":\"" + "x".repeat(1024 * 1024) + "\"}}";

        acme.write(list, contact, big)
                .then()
                .statusCode(413)
                .contentType(PROBLEM)
                .body("detail", equalTo("The body is larger than 1048576 bytes."));

        assertEquals(before, RedisSnapshot.of(redisProcess, list));
    }

    @Test
    void aBatchOfMoreThanAThousandEventsGets413() {
        String batch = "[" + "{\"topicName\":\"x\",\"eventBody\":{}},".repeat(1000)
                + "{\"topicName\":\"x\",\"eventBody\":{}}]";
        acme.events(batch).then().statusCode(413).body("detail", containsString("1001 events"));
    }

    @Test
    void anUnknownWriteIdGets404Problem() {
        acme.status("00000000-0000-0000-0000-000000000000")
                .then()
                .statusCode(404)
                .contentType(PROBLEM);
    }

    @Test
    void anUnknownPathGets404Problem() {
        acme.crm().get("/v1/tenants/acme/nothing-here").then().statusCode(404).contentType(PROBLEM);
    }

    @Test
    void dialStateOfAContactNeverDialledIsIdle() {
        acme.dialState(list, contact)
                .then()
                .statusCode(200)
                .body("active", equalTo(false))
                .body("phase", equalTo("IDLE"))
                .body("pendingWrites", equalTo(0));
    }

    @Test
    void whileRedisIsDownRequestsGet503WithRetryAfterAndReadinessIsDown() {
        redisProcess.stop();
        try {
            acme.write(list, contact, "{\"data\":{\"tier\":\"gold\"}}")
                    .then()
                    .statusCode(503)
                    .contentType(PROBLEM)
                    .header("Retry-After", "5")
                    .body("detail", containsString("nothing was stored"));
            ManagementInterface.given().get("/q/health/ready").then().statusCode(503);
            ManagementInterface.given().get("/q/health/live").then().statusCode(200);
        } finally {
            redisProcess.restart();
        }
        await().atMost(Duration.ofSeconds(15))
                .untilAsserted(() -> ManagementInterface.given()
                        .get("/q/health/ready")
                        .then()
                        .statusCode(200));
        acme.write(list, contact, "{\"data\":{\"tier\":\"gold\"}}").then().statusCode(202);
    }
}
