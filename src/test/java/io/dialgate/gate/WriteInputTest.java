package io.dialgate.gate;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.InjectRedisProcess;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.RedisSnapshot;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Writes that would do harm are refused with a problem saying why; ids meet on one Redis entry however spelt. */
@QuarkusTest
class WriteInputTest {

    private static final String PROBLEM = "application/problem+json";
    private static final String BATCH = "/v1/tenants/acme/contactlists/{l}/writes:batch";

    @InjectSimulator
    GenesysSimulator genesys;

    @InjectRedisProcess
    RedisProcess redisProcess;

    private final DialgateClient acme = DialgateClient.acme();
    private final String list = TestTenants.newListId();
    private final String contact = TestTenants.newContactId();

    @Test
    void aReplaceWithoutDataIsRefusedNotSentAsAnEmptyContact() {
        Map<String, String> before = RedisSnapshot.of(redisProcess, list);

        acme.write(list, contact, "{\"mode\":\"replace\"}")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("\"mode\": \"replace\" needs \"data\""));
        acme.write(list, contact, "{\"mode\":\"replace\",\"data\":null,\"callable\":true}")
                .then()
                .statusCode(400)
                .body("detail", startsWith("\"mode\": \"replace\" needs \"data\""));

        assertEquals(before, RedisSnapshot.of(redisProcess, list));
    }

    @Test
    void aReplaceWithoutDataInABatchIsRefusedForThatItemOnly() {
        String other = TestTenants.newContactId();
        String body = "{\"writes\":[{\"contactId\":\"" + contact + "\",\"mode\":\"replace\"}," + "{\"contactId\":\""
                + other + "\",\"mode\":\"replace\",\"data\":{\"tier\":\"gold\"}}]}";

        acme.crm()
                .body(body)
                .post(BATCH, list)
                .then()
                .statusCode(202)
                .body("results[0].status", equalTo(400))
                .body("results[0].detail", startsWith("\"mode\": \"replace\" needs \"data\""))
                .body("results[1].state", equalTo("QUEUED"));
    }

    @Test
    void dotSegmentsSlashesAndWhitespaceAreNotContactIds() {
        Map<String, String> before = RedisSnapshot.of(redisProcess, list);
        for (String id : new String[] {
            ".", "..", "a/b", "a\\b", " x", "a b", "tab\there", "line\nbreak", "nbsp\u00a0x", "c1\u0085x"
        }) {
            String body = "{\"writes\":[{\"contactId\":\""
                    + id.replace("\\", "\\\\")
                            .replace("\t", "\\t")
                            .replace("\n", "\\n")
                            .replace("\u0085", "\\u0085") + "\",\"data\":{\"a\":\"b\"}}]}";
            acme.crm()
                    .body(body)
                    .post(BATCH, list)
                    .then()
                    .statusCode(202)
                    .body("results[0].status", equalTo(400))
                    .body("results[0].detail", startsWith("contactId must be"));
        }
        for (String encoded : new String[] {"..", "%2E%2E", "%2e", "a%2Fb", "a%5Cb", "a%20b"}) {
            given().urlEncodingEnabled(false)
                    .header("Authorization", "Bearer " + TestTenants.ACME_CRM_TOKEN)
                    .contentType("application/json")
                    .body("{\"data\":{\"a\":\"b\"}}")
                    .patch("/v1/tenants/acme/contactlists/" + list + "/contacts/" + encoded)
                    .then()
                    .statusCode(oneOf(400, 404))
                    .contentType(PROBLEM);
        }
        assertEquals(before, RedisSnapshot.of(redisProcess, list));
    }

    @Test
    void opaqueGenesysContactIdsAreAccepted() {
        for (String id :
                new String[] {contact, "CRM-000123_b", "a.b", "...x", "user@example.com", "Müller:7", "x".repeat(256)
                }) {
            acme.write(list, id, "{\"data\":{\"a\":\"b\"}}").then().statusCode(202);
        }
    }

    @Test
    void aContactListIdMustBeAUuid() {
        acme.write("list-1", contact, "{\"data\":{\"a\":\"b\"}}")
                .then()
                .statusCode(400)
                .contentType(PROBLEM)
                .body("detail", startsWith("contactListId must be"));
    }

    @Test
    void anUpperCaseListIdMeetsTheLowerCaseDialStateInEveryPath() {
        String upper = list.toUpperCase(Locale.ROOT);
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        String conversation = UUID.randomUUID().toString();
        long t0 = System.currentTimeMillis() - 60_000;
        acme.events(GenesysEvents.preContact(upper, contact, conversation, t0).toString())
                .then()
                .statusCode(202);

        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        String upperWriteId = acme.accept(upper, contact, "{\"data\":{\"note\":\"x\"}}");
        assertEquals("HELD", acme.state(writeId));
        assertEquals("HELD", acme.state(upperWriteId));
        acme.dialState(upper, contact)
                .then()
                .statusCode(200)
                .body("active", equalTo(true))
                .body("pendingWrites", equalTo(2));

        acme.events(GenesysEvents.postContact(list, contact, conversation, t0 + 30_000)
                        .toString())
                .then()
                .statusCode(202);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> acme.state(upperWriteId).equals("APPLIED"));
        assertEquals(
                Map.of("tier", "gold", "note", "x"),
                genesys.contacts().get(list, contact).orElseThrow().data());
        acme.status(upperWriteId).then().body("contactListId", equalTo(list));
    }
}
