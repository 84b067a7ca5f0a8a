package io.dialgate.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Any request as an attacker or a broken client sends it, for the hostile-input and isolation scenarios. */
final class RawHttp {

    /** An answer; status -1 when there was none. */
    record Answer(int status, String body) {
        boolean leaksStackTrace() {
            // status -1 carries the client's own exception name, not anything dialgate sent
            return status >= 0 && body.contains("\tat ")
                    || status >= 0 && body.contains("Exception")
                    || status >= 0 && body.contains("at io.")
                    || status >= 0 && body.contains(".java:");
        }
    }

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    Answer send(String method, String url, String bearer, String contentType, String body) {
        return send(method, url, bearer, contentType, body, java.util.Map.of());
    }

    /** With {@code headers} added (a webhook signature, an Idempotency-Key). */
    Answer send(
            String method,
            String url,
            String bearer,
            String contentType,
            String body,
            java.util.Map<String, String> headers) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(10))
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (bearer != null) {
                request.header("Authorization", "Bearer " + bearer);
            }
            if (contentType != null) {
                request.header("Content-Type", contentType);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException | IllegalArgumentException e) {
            return new Answer(-1, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(-1, "interrupted");
        }
    }
}
