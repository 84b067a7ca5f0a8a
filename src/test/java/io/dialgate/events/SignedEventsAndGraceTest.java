package io.dialgate.events;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.OpenApiConformance;
import io.dialgate.testing.TestTenants;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

/** initech signs its events with Standard Webhooks and has a 2 s post-call grace. */
@QuarkusTest
@ExtendWith(OpenApiConformance.class)
class SignedEventsAndGraceTest {

    private final DialgateClient initech = new DialgateClient(TestTenants.INITECH, "", TestTenants.INITECH_CRM_TOKEN);
    private final String list = TestTenants.newListId();
    private final String contact = TestTenants.newContactId();
    private final String conversation = UUID.randomUUID().toString();

    private static Response sendSigned(String body, byte[] key, long timestamp) throws Exception {
        String id = "msg_" + UUID.randomUUID();
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        String signature = Base64.getEncoder()
                .encodeToString(mac.doFinal((id + "." + timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
        return given().contentType(ContentType.JSON)
                .header("webhook-id", id)
                .header("webhook-timestamp", Long.toString(timestamp))
                .header("webhook-signature", "v1," + signature)
                .body(body)
                .post("/v1/tenants/initech/events");
    }

    private static Response sendSigned(ObjectNode event) throws Exception {
        return sendSigned(
                event.toString(),
                TestTenants.INITECH_WEBHOOK_KEY.getBytes(StandardCharsets.UTF_8),
                Instant.now().getEpochSecond());
    }

    @Test
    void aCorrectlySignedEventIsAccepted() throws Exception {
        sendSigned(GenesysEvents.preContact(list, contact, conversation, System.currentTimeMillis()))
                .then()
                .statusCode(202)
                .body("accepted", equalTo(1));

        initech.dialState(list, contact).then().body("active", equalTo(true));
    }

    @Test
    void aSignatureWithAnotherKeyIsRefusedWith401() throws Exception {
        String body = GenesysEvents.preContact(list, contact, conversation, System.currentTimeMillis())
                .toString();

        sendSigned(
                        body,
                        "some-other-key".getBytes(StandardCharsets.UTF_8),
                        Instant.now().getEpochSecond())
                .then()
                .statusCode(401)
                .contentType("application/problem+json");

        initech.dialState(list, contact).then().body("phase", equalTo("IDLE"));
    }

    @Test
    void aReplayedSignatureOlderThanFiveMinutesIsRefused() throws Exception {
        String body = GenesysEvents.preContact(list, contact, conversation, System.currentTimeMillis())
                .toString();

        sendSigned(
                        body,
                        TestTenants.INITECH_WEBHOOK_KEY.getBytes(StandardCharsets.UTF_8),
                        Instant.now().minusSeconds(400).getEpochSecond())
                .then()
                .statusCode(401);
    }

    @Test
    void aTenantWithOnlyWebhookSecretsAcceptsNoBearerToken() {
        given().header("Authorization", "Bearer ")
                .contentType(ContentType.JSON)
                .body("[]")
                .post("/v1/tenants/initech/events")
                .then()
                .statusCode(401);
    }

    @Test
    void withoutPostContactTheDialEndsAtThePostCallGraceAfterTheConversationEnded() throws Exception {
        long now = System.currentTimeMillis();
        sendSigned(GenesysEvents.preContact(list, contact, conversation, now - 20_000))
                .then()
                .statusCode(202);
        sendSigned(GenesysEvents.outbound(list, contact, conversation, now - 19_000))
                .then()
                .statusCode(202);
        String writeId = initech.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");

        sendSigned(GenesysEvents.detail(conversation, "customer.end", now))
                .then()
                .statusCode(202);
        initech.dialState(list, contact).then().body("phase", equalTo("WRAPUP")).body("active", equalTo(true));

        await().atMost(Duration.ofSeconds(6)).until(() -> !"HELD".equals(initech.state(writeId)));
        initech.dialState(list, contact)
                .then()
                .body("active", equalTo(false))
                .body("endedBy", equalTo("post_call_grace"));
    }
}
