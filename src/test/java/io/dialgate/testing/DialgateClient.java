package io.dialgate.testing;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import static io.restassured.RestAssured.given;

/** dialgate's HTTP API as a CRM and an event relay call it, for one tenant. */
public final class DialgateClient {

    private final String tenant;
    private final String ingestToken;
    private final String crmToken;

    public DialgateClient(String tenant, String ingestToken, String crmToken) {
        this.tenant = tenant;
        this.ingestToken = ingestToken;
        this.crmToken = crmToken;
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
        return given().header("Authorization", "Bearer " + crmToken).contentType(ContentType.JSON);
    }

    public RequestSpecification relay() {
        return given().header("Authorization", "Bearer " + ingestToken).contentType(ContentType.JSON);
    }

    /** PATCH a contact write; returns the response (202 expected). */
    public Response write(String contactListId, String contactId, String body) {
        return crm().body(body)
                .patch("/v1/tenants/{tenant}/contactlists/{list}/contacts/{contact}", tenant, contactListId, contactId);
    }

    /** PATCH a contact write that must be accepted; returns its write id. */
    public String accept(String contactListId, String contactId, String body) {
        return write(contactListId, contactId, body).then().statusCode(202).extract().path("writeId");
    }

    public Response status(String writeId) {
        return crm().get("/v1/tenants/{tenant}/writes/{writeId}", tenant, writeId);
    }

    public String state(String writeId) {
        return status(writeId).then().statusCode(200).extract().path("state");
    }

    /** Waits (up to 10 s) until the write reaches the state. */
    public void awaitState(String writeId, String state) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> state(writeId).equals(state));
    }

    public Response dialState(String contactListId, String contactId) {
        return crm().get("/v1/tenants/{tenant}/contactlists/{list}/contacts/{contact}/dial-state", tenant,
                contactListId, contactId);
    }

    public Response events(String body) {
        return relay().body(body).post(eventsPath());
    }
}
