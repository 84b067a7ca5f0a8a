package io.dialgate.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Checks every request a test class makes through RestAssured, and its answer, against the committed OpenAPI document:
 * the operation exists, the answer's status and media type are declared, the answer's body matches its schema, and a
 * request that was accepted in full (2xx, nothing of it refused) matches the request body's schema. A mismatch fails
 * the test that made the request. Use with {@code @ExtendWith(OpenApiConformance.class)}.
 */
public final class OpenApiConformance implements BeforeAllCallback, AfterAllCallback, Filter {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OpenApiDocument DOCUMENT = OpenApiDocument.committed();

    private List<Filter> before;

    @Override
    public void beforeAll(ExtensionContext context) {
        before = new ArrayList<>(RestAssured.filters());
        RestAssured.filters(this);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        RestAssured.replaceFiltersWith(before);
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification expected, FilterContext next) {
        Response response = next.next(request, expected);
        String rawPath = URI.create(request.getURI()).getRawPath();
        if (!rawPath.startsWith("/v1/")) {
            return response; // health, metrics, the document itself
        }
        Optional<String> operation = DOCUMENT.operationOf(request.getMethod(), rawPath);
        if (operation.isEmpty()) {
            if (response.statusCode() == 405 && DOCUMENT.hasPath(rawPath) || response.statusCode() == 404) {
                return response; // a test of a wrong method on a documented path, or of a path that does not exist
            }
            throw new AssertionError("Not in docs/openapi.yaml: " + request.getMethod() + " " + rawPath);
        }
        checkResponse(operation.get(), response);
        if (response.statusCode() / 100 == 2 && acceptedInFull(response)) {
            checkRequest(operation.get(), request);
        }
        return response;
    }

    private void checkResponse(String operation, Response response) {
        int status = response.statusCode();
        JsonNode declared = DOCUMENT.response(operation, status)
                .orElseThrow(() -> new AssertionError(
                        operation + " answered " + status + ", which docs/openapi.yaml does not declare"));
        String body = response.asString();
        if (body.isEmpty()) {
            return;
        }
        String mediaType = mediaType(response.contentType());
        JsonNode content = declared.path("content").path(mediaType);
        if (content.isMissingNode()) {
            throw new AssertionError(operation + " answered " + status + " as " + mediaType
                    + ", not a media type docs/openapi.yaml declares for it: " + declared.path("content"));
        }
        violations(operation + " answer " + status, content.get("schema"), body);
    }

    private void checkRequest(String operation, FilterableRequestSpecification request) {
        Object body = request.getBody();
        if (body == null) {
            return;
        }
        JsonNode schema = DOCUMENT.requestSchema(operation, "application/json")
                .orElseThrow(() -> new AssertionError(operation + " took a body, but docs/openapi.yaml declares none"));
        violations(operation + " request", schema, body instanceof byte[] bytes ? new String(bytes) : body.toString());
    }

    private static void violations(String what, JsonNode schema, String body) {
        if (schema == null) {
            return;
        }
        JsonNode value;
        try {
            value = JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError(what + " is not JSON: " + body);
        }
        var violations = DOCUMENT.violations(schema, value);
        if (!violations.isEmpty()) {
            throw new AssertionError(what + " does not match docs/openapi.yaml: " + violations + "\n" + body);
        }
    }

    /** A 2xx answer that refused nothing of the request: no rejected event, no problem in place of a batch item. */
    private static boolean acceptedInFull(Response response) {
        String body = response.asString();
        if (body.isEmpty()) {
            return true;
        }
        try {
            JsonNode answer = JSON.readTree(body);
            if (answer.path("rejected").size() > 0) {
                return false;
            }
            for (JsonNode result : answer.path("results")) {
                if (result.has("status")) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return true;
        }
    }

    private static String mediaType(String contentType) {
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
    }
}
