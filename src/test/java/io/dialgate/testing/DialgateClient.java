package io.dialgate.testing;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import org.awaitility.Awaitility;

import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

import static org.hamcrest.Matchers.equalTo;

/** dialgate's HTTP API as a CRM and an event relay call it, for one tenant. */
public final class DialgateClient {

    private final String tenant;
    private final String ingestToken;
    private final String crmToken;
    private final Supplier<RequestSpecification> request;

    /** A client of the dialgate RestAssured is set up for: the {@code @QuarkusTest} or {@code @QuarkusIntegrationTest} app. */
    public DialgateClient(String tenant, String ingestToken, String crmToken) {
        this(tenant, ingestToken, crmToken, RestAssured::given);
    }

    private DialgateClient(String tenant, String ingestToken, String crmToken, Supplier<RequestSpecification> request) {
        this.tenant = tenant;
        this.ingestToken = ingestToken;
        this.crmToken = crmToken;
        this.request = request;
    }

    /** The same tenant on the dialgate at {@code baseUri}, e.g. a {@link DialgateProcess}. */
    public DialgateClient at(URI baseUri) {
        return new DialgateClient(
                tenant, ingestToken, crmToken, () -> RestAssured.given().baseUri(baseUri.toString()));
    }

    public static DialgateClient acme() {
        return new DialgateClient(TestTenants.ACME, TestTenants.ACME_INGEST_TOKEN, TestTenants.ACME_CRM_TOKEN);
    }

    public static DialgateClient globex() {
        return new DialgateClient(TestTenants.GLOBEX, TestTenants.GLOBEX_INGEST_TOKEN, TestTenants.GLOBEX_CRM_TOKEN);
    }

    public String tenant() {
        return tenant;
    }

    public String ingestToken() {
        return ingestToken;
    }

    public String eventsPath() {
        return "/v1/tenants/" + tenant + "/events";
    }

    public RequestSpecification crm() {
        return request.get().header("Authorization", "Bearer " + crmToken).contentType(ContentType.JSON);
    }

    public RequestSpecification relay() {
        return request.get().header("Authorization", "Bearer " + ingestToken).contentType(ContentType.JSON);
    }

    /** PATCH a contact write; returns the response (202 expected). */
    public Response write(String contactListId, String contactId, String body) {
        return crm().body(body)
                .patch("/v1/tenants/{tenant}/contactlists/{list}/contacts/{contact}", tenant, contactListId, contactId);
    }

    /** PATCH a contact write that must be accepted; returns its write id. */
    public String accept(String contactListId, String contactId, String body) {
        return write(contactListId, contactId, body)
                .then()
                .statusCode(202)
                .extract()
                .path("writeId");
    }

    public Response status(String writeId) {
        return crm().get("/v1/tenants/{tenant}/writes/{writeId}", tenant, writeId);
    }

    public String state(String writeId) {
        return status(writeId).then().statusCode(200).extract().path("state");
    }

    /** Waits (up to 10 s) until the write reaches the state. */
    public void awaitState(String writeId, String state) {
        Awaitility.await()
                .atMost(Duration.ofSeconds(10))
                .until(() -> state(writeId).equals(state));
    }

    public Response dialState(String contactListId, String contactId) {
        return crm().get(
                        "/v1/tenants/{tenant}/contactlists/{list}/contacts/{contact}/dial-state",
                        tenant,
                        contactListId,
                        contactId);
    }

    /** Asserts the contact's dial-state answer: its phase and whether it is in an active dial. */
    public void assertDialPhase(String contactListId, String contactId, String phase, boolean active) {
        dialState(contactListId, contactId)
                .then()
                .statusCode(200)
                .body("phase", equalTo(phase))
                .body("active", equalTo(active));
    }

    public Response events(String body) {
        return relay().body(body).post(eventsPath());
    }
}
