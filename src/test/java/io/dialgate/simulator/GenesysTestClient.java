package io.dialgate.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A minimal Genesys API client for the simulator's own tests: plain HTTP, no retries. */
final class GenesysTestClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;

    GenesysTestClient(GenesysSimulator simulator) {
        this.baseUrl = simulator.baseUrl();
    }

    HttpResponse<String> requestToken(String clientId, String secret, String grantType) {
        String basic = Base64.getEncoder().encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=" + grantType)));
    }

    /** A valid token of the default client. */
    String token() {
        HttpResponse<String> response = requestToken(
                SimulatorOptions.DEFAULT_CLIENT_ID, SimulatorOptions.DEFAULT_CLIENT_SECRET, "client_credentials");
        if (response.statusCode() != 200) {
            throw new IllegalStateException("token request failed with " + response.statusCode());
        }
        return json(response).get("access_token").asText();
    }

    HttpResponse<String> get(String contactListId, String contactId, String token) {
        return send(HttpRequest.newBuilder(contactUri(contactListId, contactId))
                .header("Authorization", "Bearer " + token)
                .GET());
    }

    HttpResponse<String> put(String contactListId, String contactId, String token, String bodyJson) {
        return send(HttpRequest.newBuilder(contactUri(contactListId, contactId))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(bodyJson)));
    }

    HttpResponse<String> getWithoutToken(String contactListId, String contactId) {
        return send(HttpRequest.newBuilder(contactUri(contactListId, contactId)).GET());
    }

    static JsonNode json(HttpResponse<String> response) {
        try {
            return MAPPER.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private URI contactUri(String contactListId, String contactId) {
        return URI.create(baseUrl + "/api/v2/outbound/contactlists/" + contactListId + "/contacts/" + contactId);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
