package io.dialgate.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/**
 * The Genesys calls a CRM integration without dialgate makes: a client-credentials token, then GET and PUT of
 * contacts. Thread-safe; every call is a real HTTP call to the simulator and counts against its rate limit.
 */
public final class GenesysDirectClient {

    /** A Genesys answer: the status (0 when the call failed) and its Retry-After in seconds (-1 when absent). */
    public record Answer(int status, long retryAfterSeconds) {
        public boolean ok() {
            return status / 100 == 2;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String baseUrl;
    private final String clientId;
    private final String clientSecret;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private volatile String token;

    public GenesysDirectClient(String baseUrl, String clientId, String clientSecret) {
        this.baseUrl = baseUrl;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    public Answer get(String contactListId, String contactId) {
        return send(HttpRequest.newBuilder(contactUri(contactListId, contactId)).GET());
    }

    /** PUT of the whole contact data, as the CRM knows it (a Genesys PUT replaces {@code data}). */
    public Answer put(String contactListId, String contactId, Map<String, String> data) {
        ObjectNode body = JSON.createObjectNode();
        body.put("contactListId", contactListId);
        ObjectNode dataNode = body.putObject("data");
        data.forEach(dataNode::put);
        return send(HttpRequest.newBuilder(contactUri(contactListId, contactId))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    private Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<Void> response = http.send(
                    request.timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + token())
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            long retryAfter = response.headers()
                    .firstValue("Retry-After")
                    .map(Long::parseLong)
                    .orElse(-1L);
            return new Answer(response.statusCode(), retryAfter);
        } catch (IOException e) {
            return new Answer(0, -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, -1);
        }
    }

    private String token() throws IOException, InterruptedException {
        String current = token;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (token == null) {
                String basic = Base64.getEncoder()
                        .encodeToString((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8));
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(URI.create(baseUrl + "/oauth/token"))
                                .header("Authorization", "Basic " + basic)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    throw new IOException("token endpoint answered " + response.statusCode());
                }
                token = JSON.readTree(response.body()).get("access_token").asText();
            }
            return token;
        }
    }

    private URI contactUri(String contactListId, String contactId) {
        return URI.create(baseUrl + "/api/v2/outbound/contactlists/" + contactListId + "/contacts/" + contactId);
    }
}
