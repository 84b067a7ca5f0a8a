package io.dialgate.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** Reads and makes writes through dialgate's API as the CRM does, for the audit and the recovery probe. */
final class WriteStatuses {

    /** A write's status as dialgate answers it; {@code httpStatus} 404 when dialgate no longer knows it. */
    record Status(int httpStatus, String state, boolean hasReason) {

        boolean applied() {
            return "APPLIED".equals(state);
        }

        boolean failedWithReason() {
            return "FAILED".equals(state) && hasReason;
        }

        boolean ended() {
            return applied() || failedWithReason();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final String tenant;
    private final String crmToken;

    WriteStatuses(String tenant, String crmToken) {
        this.tenant = tenant;
        this.crmToken = crmToken;
    }

    /** Empty when dialgate did not answer or answered 5xx. */
    Optional<Status> status(String baseUrl, String writeId) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tenants/" + tenant + "/writes/" + writeId))
                            .timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + crmToken)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                return Optional.of(new Status(404, null, false));
            }
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode body = JSON.readTree(response.body());
            return Optional.of(new Status(
                    200,
                    body.path("state").asText(),
                    body.hasNonNull("lastError") && !body.get("lastError").isEmpty()));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** dialgate's view of a contact's dial ({@code GET .../dial-state}), as answered, for a report. */
    String dialState(String baseUrl, String list, String contact) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tenants/" + tenant + "/contactlists/" + list
                                    + "/contacts/" + contact + "/dial-state"))
                            .timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + crmToken)
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() + " " + response.body().replaceAll("\\s+", " ");
        } catch (IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** PATCH one write; its write id when answered 202. */
    Optional<String> write(String baseUrl, String list, String contact, String dataJson) {
        try {
            HttpResponse<String> response = http.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/v1/tenants/" + tenant + "/contactlists/" + list
                                    + "/contacts/" + contact))
                            .timeout(Duration.ofSeconds(5))
                            .header("Authorization", "Bearer " + crmToken)
                            .header("Content-Type", "application/json")
                            .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"data\":" + dataJson + "}"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 202
                    ? Optional.of(JSON.readTree(response.body()).path("writeId").asText())
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
