package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ContactApiTest {

    private static final String LIST = "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11";
    private static final String CONTACT = "0f2b3c4d5e6f708192a3b4c5d6e7f809";

    private GenesysSimulator sim;
    private GenesysTestClient client;
    private String token;

    @BeforeEach
    void startSimulator() {
        sim = GenesysSimulator.start(SimulatorOptions.defaults());
        client = new GenesysTestClient(sim);
        token = client.token();
        Map<String, String> data = new LinkedHashMap<>();
        data.put("firstName", "Ada");
        data.put("phone", "+13175550123");
        data.put("balance", "120.50");
        sim.contacts().put(LIST, CONTACT, data);
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void getReturnsTheSeededContactAsDialerContact() {
        // when
        HttpResponse<String> response = client.get(LIST, CONTACT, token);

        // then
        assertEquals(200, response.statusCode());
        JsonNode body = GenesysTestClient.json(response);
        assertEquals(CONTACT, body.get("id").asText());
        assertEquals(LIST, body.get("contactListId").asText());
        assertEquals("Ada", body.get("data").get("firstName").asText());
        assertEquals(List.of("firstName", "phone", "balance"), fieldNames(body.get("data")), "column order is kept");
        assertTrue(body.get("callable").asBoolean());
        assertEquals(
                "/api/v2/outbound/contactlists/" + LIST + "/contacts/" + CONTACT,
                body.get("selfUri").asText());
        assertEquals(
                "300", response.headers().firstValue("inin-ratelimit-allowed").orElseThrow());
        assertEquals(
                "2", response.headers().firstValue("inin-ratelimit-count").orElseThrow(), "token call counted too");
    }

    @Test
    void getOfUnknownContactAnswers404WithGenesysErrorBody() {
        // when
        HttpResponse<String> response = client.get(LIST, "ffffffffffffffffffffffffffffffff", token);

        // then
        assertEquals(404, response.statusCode());
        JsonNode body = GenesysTestClient.json(response);
        assertEquals("not.found", body.get("code").asText());
        assertEquals(404, body.get("status").asInt());
        assertEquals(
                List.of(
                        "message",
                        "code",
                        "status",
                        "messageWithParams",
                        "messageParams",
                        "contextId",
                        "details",
                        "errors"),
                fieldNames(body));
    }

    @Test
    void putReplacesDataEntirelyWithoutMerging() {
        // given
        String body = "{\"contactListId\":\"" + LIST + "\",\"data\":{\"phone\":\"+13175550999\",\"status\":\"paid\"}}";

        // when
        HttpResponse<String> put = client.put(LIST, CONTACT, token, body);
        HttpResponse<String> get = client.get(LIST, CONTACT, token);

        // then
        assertEquals(200, put.statusCode());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("phone", "+13175550999");
        expected.put("status", "paid");
        assertEquals(expected, sim.contacts().get(LIST, CONTACT).orElseThrow().data());
        assertFalse(GenesysTestClient.json(get).get("data").has("firstName"), "firstName dropped, not merged");
        assertEquals(GenesysTestClient.json(put), GenesysTestClient.json(get));
    }

    @Test
    void putUpdatesCallableAndPhoneNumberStatus() {
        // given
        String body = "{\"contactListId\":\"" + LIST + "\",\"data\":{\"phone\":\"+13175550123\"},"
                + "\"callable\":false,\"phoneNumberStatus\":{\"phone\":{\"callable\":false}}}";

        // when
        HttpResponse<String> put = client.put(LIST, CONTACT, token, body);

        // then
        assertEquals(200, put.statusCode());
        StoredContact stored = sim.contacts().get(LIST, CONTACT).orElseThrow();
        assertFalse(stored.callable());
        assertEquals(Map.of("phone", false), stored.phoneNumberStatus());
        assertFalse(GenesysTestClient.json(put)
                .get("phoneNumberStatus")
                .get("phone")
                .get("callable")
                .asBoolean());
    }

    @Test
    void putWithNonStringDataValueIsRejectedAndNothingIsStored() {
        // given
        String body = "{\"contactListId\":\"" + LIST + "\",\"data\":{\"phone\":\"+13175550123\",\"balance\":120.5}}";

        // when
        HttpResponse<String> response = client.put(LIST, CONTACT, token, body);

        // then
        assertEquals(400, response.statusCode());
        JsonNode error = GenesysTestClient.json(response);
        assertEquals("bad.request", error.get("code").asText());
        assertEquals(
                "data.balance", error.get("details").get(0).get("fieldName").asText());
        assertEquals(
                "120.50", sim.contacts().get(LIST, CONTACT).orElseThrow().data().get("balance"));
    }

    @Test
    void putWithUnknownPropertyIsRejected() {
        // given
        String body = "{\"contactListId\":\"" + LIST + "\",\"data\":{\"phone\":\"1\"},\"version\":3}";

        // when
        HttpResponse<String> response = client.put(LIST, CONTACT, token, body);

        // then
        assertEquals(400, response.statusCode());
        JsonNode detail = GenesysTestClient.json(response).get("details").get(0);
        assertEquals("unknown.property", detail.get("errorCode").asText());
        assertEquals("version", detail.get("fieldName").asText());
    }

    @Test
    void putWithUnknownPropertyInsidePhoneNumberStatusIsRejected() {
        // given
        String body = "{\"contactListId\":\"" + LIST + "\",\"data\":{\"phone\":\"1\"},"
                + "\"phoneNumberStatus\":{\"phone\":{\"callable\":true,\"dnc\":true}}}";

        // when
        HttpResponse<String> response = client.put(LIST, CONTACT, token, body);

        // then
        assertEquals(400, response.statusCode());
        assertEquals(
                "phoneNumberStatus.phone.dnc",
                GenesysTestClient.json(response)
                        .get("details")
                        .get(0)
                        .get("fieldName")
                        .asText());
    }

    @Test
    void putWithoutDataIsRejected() {
        // given
        String body = "{\"contactListId\":\"" + LIST + "\",\"callable\":true}";

        // when
        HttpResponse<String> response = client.put(LIST, CONTACT, token, body);

        // then
        assertEquals(400, response.statusCode());
        JsonNode detail = GenesysTestClient.json(response).get("details").get(0);
        assertEquals("missing.property", detail.get("errorCode").asText());
        assertEquals("data", detail.get("fieldName").asText());
    }

    @Test
    void putWithContactListIdDifferentFromThePathIsRejected() {
        // given
        String body = "{\"contactListId\":\"11111111-2222-3333-4444-555555555555\",\"data\":{\"phone\":\"1\"}}";

        // when
        HttpResponse<String> response = client.put(LIST, CONTACT, token, body);

        // then
        assertEquals(400, response.statusCode());
        assertEquals(
                LIST,
                GenesysTestClient.json(response)
                        .get("messageParams")
                        .get("pathContactListId")
                        .asText());
    }

    @Test
    void putWithNonBooleanCallableIsRejected() {
        // when
        HttpResponse<String> response = client.put(
                LIST, CONTACT, token, "{\"contactListId\":\"" + LIST + "\",\"data\":{},\"callable\":\"yes\"}");

        // then
        assertEquals(400, response.statusCode());
        assertEquals(
                "callable",
                GenesysTestClient.json(response)
                        .get("details")
                        .get(0)
                        .get("fieldName")
                        .asText());
    }

    @Test
    void putWithMalformedJsonIsRejected() {
        // when
        HttpResponse<String> response = client.put(LIST, CONTACT, token, "{\"contactListId\":");

        // then
        assertEquals(400, response.statusCode());
        assertNull(sim.requestLog().puts().get(0).body());
        assertEquals("{\"contactListId\":", sim.requestLog().puts().get(0).rawBody());
    }

    @Test
    void readOnlyPropertiesInAPutAreAcceptedAndIgnored() {
        // given: a GET response sent back with changed data, as a client doing read-modify-write would
        JsonNode current = GenesysTestClient.json(client.get(LIST, CONTACT, token));
        ((ObjectNode) current.get("data")).put("firstName", "Grace");
        ((ObjectNode) current).put("selfUri", "/somewhere/else");
        ((ObjectNode) current).put("id", "not-the-id");

        // when
        HttpResponse<String> response = client.put(LIST, CONTACT, token, current.toString());

        // then
        assertEquals(200, response.statusCode());
        JsonNode stored = GenesysTestClient.json(response);
        assertEquals("Grace", stored.get("data").get("firstName").asText());
        assertEquals(CONTACT, stored.get("id").asText());
        assertEquals(
                "/api/v2/outbound/contactlists/" + LIST + "/contacts/" + CONTACT,
                stored.get("selfUri").asText());
    }

    @Test
    void putOfUnknownContactAnswers404() {
        // when
        HttpResponse<String> response = client.put(
                LIST,
                "ffffffffffffffffffffffffffffffff",
                token,
                "{\"contactListId\":\"" + LIST + "\",\"data\":{\"phone\":\"1\"}}");

        // then
        assertEquals(404, response.statusCode());
    }

    @Test
    void everyPutIsLoggedWithParsedBodyAndAnsweredStatus() {
        // given
        client.put(LIST, CONTACT, token, "{\"contactListId\":\"" + LIST + "\",\"data\":{\"phone\":\"2\"}}");
        client.put(LIST, CONTACT, token, "{\"contactListId\":\"" + LIST + "\",\"data\":{\"phone\":2}}");

        // when
        List<RecordedPut> puts = sim.requestLog().puts(LIST, CONTACT);

        // then
        assertEquals(2, puts.size());
        assertEquals(200, puts.get(0).status());
        assertEquals("2", puts.get(0).body().get("data").get("phone").asText());
        assertEquals(400, puts.get(1).status());
        assertEquals(SimulatorOptions.DEFAULT_CLIENT_ID, puts.get(1).clientId());
        assertEquals(
                List.of(200, 200, 400),
                sim.requestLog().requests().stream()
                        .map(RecordedRequest::status)
                        .toList());
    }

    @Test
    void resetClearsContactsAndLogsButKeepsTokensValid() {
        // when
        sim.reset();

        // then
        assertTrue(sim.contacts().get(LIST, CONTACT).isEmpty());
        assertTrue(sim.requestLog().requests().isEmpty());
        assertEquals(404, client.get(LIST, CONTACT, token).statusCode());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
