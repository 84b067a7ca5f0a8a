package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OAuthTokenTest {

    private static final String LIST = "6a9f0c9e-2d4b-4c47-9f59-2e6f8e1d0a11";
    private static final String CONTACT = "0f2b3c4d5e6f708192a3b4c5d6e7f809";

    private GenesysSimulator sim;
    private GenesysTestClient client;

    @BeforeEach
    void startSimulator() {
        sim = GenesysSimulator.start(SimulatorOptions.builder()
                .client(SimulatorOptions.DEFAULT_CLIENT_ID, SimulatorOptions.DEFAULT_CLIENT_SECRET)
                .client("other-client", "other-secret")
                .tokenTtlSeconds(3600)
                .build());
        client = new GenesysTestClient(sim);
        sim.contacts().put(LIST, CONTACT, Map.of("phone", "+13175550123"));
    }

    @AfterEach
    void stopSimulator() {
        sim.close();
    }

    @Test
    void validClientCredentialsGrantABearerTokenWithTheConfiguredLifetime() {
        // when
        HttpResponse<String> response = client.requestToken("other-client", "other-secret", "client_credentials");

        // then
        assertEquals(200, response.statusCode());
        JsonNode body = GenesysTestClient.json(response);
        assertEquals("bearer", body.get("token_type").asText());
        assertEquals(3600, body.get("expires_in").asLong());
        assertTrue(body.get("access_token").asText().length() >= 40, "token looks random and long");
        assertEquals("other-client", sim.requestLog().requests().get(0).clientId());
        assertEquals(1, sim.tokens().tokensIssued());
    }

    @Test
    void tokenGrantedToAClientOpensTheApi() {
        // given
        String token = client.token();

        // when
        HttpResponse<String> response = client.get(LIST, CONTACT, token);

        // then
        assertEquals(200, response.statusCode());
        assertEquals(
                SimulatorOptions.DEFAULT_CLIENT_ID,
                sim.requestLog().requests().get(1).clientId());
    }

    @Test
    void wrongSecretIsRejectedWithInvalidClientAndNoSecretInTheBody() {
        // when
        HttpResponse<String> response = client.requestToken("other-client", "wrong-secret", "client_credentials");

        // then
        assertEquals(401, response.statusCode());
        JsonNode body = GenesysTestClient.json(response);
        assertEquals("invalid_client", body.get("error").asText());
        assertEquals("authentication failed", body.get("error_description").asText());
        assertEquals(body.get("error_description"), body.get("description"));
        assertFalse(response.body().contains("wrong-secret"));
        assertFalse(response.body().contains("other-secret"));
    }

    @Test
    void unknownClientIsRejectedWithInvalidClient() {
        // when
        HttpResponse<String> response = client.requestToken("nobody", "whatever", "client_credentials");

        // then
        assertEquals(401, response.statusCode());
        assertEquals(
                "client not found: nobody",
                GenesysTestClient.json(response).get("error_description").asText());
    }

    @Test
    void grantTypeOtherThanClientCredentialsIsRejectedWith400() {
        // when
        HttpResponse<String> response = client.requestToken("other-client", "other-secret", "password");

        // then
        assertEquals(400, response.statusCode());
        assertEquals(
                "unsupported_grant_type",
                GenesysTestClient.json(response).get("error").asText());
    }

    @Test
    void revokedTokenGets401BadCredentialsFromTheApi() {
        // given
        String token = client.token();
        sim.tokens().revokeAll();

        // when
        HttpResponse<String> response = client.get(LIST, CONTACT, token);

        // then
        assertEquals(401, response.statusCode());
        JsonNode body = GenesysTestClient.json(response);
        assertEquals("bad.credentials", body.get("code").asText());
        assertEquals(401, body.get("status").asInt());
        assertEquals(
                response.headers().firstValue("ININ-Correlation-Id").orElseThrow(),
                body.get("contextId").asText());
    }

    @Test
    void expiredTokenGets401AndANewTokenWorksAgain() {
        // given
        String oldToken = client.token();
        sim.tokens().expireAll();

        // when
        HttpResponse<String> withOld = client.get(LIST, CONTACT, oldToken);
        HttpResponse<String> withNew = client.get(LIST, CONTACT, client.token());

        // then
        assertEquals(401, withOld.statusCode());
        assertEquals(200, withNew.statusCode());
    }

    @Test
    void requestWithoutBearerTokenGets401AuthenticationRequired() {
        // when
        HttpResponse<String> response = client.getWithoutToken(LIST, CONTACT);

        // then
        assertEquals(401, response.statusCode());
        assertEquals(
                "authentication.required",
                GenesysTestClient.json(response).get("code").asText());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElseThrow());
    }
}
