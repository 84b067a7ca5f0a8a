package io.dialgate.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.tenant.Tenant;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * REST clients per tenant (each tenant has its own API and login host), and the conversion of any outcome of a call
 * into a {@link GenesysReply}: Genesys's status decides what happens to a write, so nothing here throws.
 */
@ApplicationScoped
public class GenesysClients {

    static final long CONNECT_TIMEOUT_SECONDS = 5;
    static final long READ_TIMEOUT_SECONDS = 10;

    private final ObjectMapper json;
    private final Map<String, GenesysContactsApi> contacts = new ConcurrentHashMap<>();
    private final Map<String, GenesysBulkContactsApi> bulkContacts = new ConcurrentHashMap<>();
    private final Map<String, GenesysLoginApi> logins = new ConcurrentHashMap<>();
    private final Map<String, GenesysPlatformApi> platforms = new ConcurrentHashMap<>();

    public GenesysClients(ObjectMapper json) {
        this.json = json;
    }

    GenesysContactsApi contacts(Tenant tenant) {
        return contacts.computeIfAbsent(
                tenant.name(), name -> builder(tenant.apiUrl()).build(GenesysContactsApi.class));
    }

    GenesysPlatformApi platform(Tenant tenant) {
        return platforms.computeIfAbsent(
                tenant.name(), name -> builder(tenant.apiUrl()).build(GenesysPlatformApi.class));
    }

    GenesysBulkContactsApi bulkContacts(Tenant tenant) {
        return bulkContacts.computeIfAbsent(
                tenant.name(), name -> builder(tenant.apiUrl()).build(GenesysBulkContactsApi.class));
    }

    GenesysLoginApi login(Tenant tenant) {
        return logins.computeIfAbsent(
                tenant.name(), name -> builder(tenant.loginUrl()).build(GenesysLoginApi.class));
    }

    private static QuarkusRestClientBuilder builder(java.net.URI base) {
        return QuarkusRestClientBuilder.newBuilder()
                .baseUri(base)
                .connectTimeout(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .readTimeout(READ_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                .disableDefaultMapper(true);
    }

    GenesysReply call(Supplier<Response> call) {
        Response response;
        try {
            response = call.get();
        } catch (RuntimeException e) {
            return new GenesysReply.Unanswered(rootMessage(e));
        }
        try (response) {
            String body = response.hasEntity() ? response.readEntity(String.class) : null;
            return new GenesysReply.Answered(
                    response.getStatus(), parse(body), retryAfter(response), rateLimit(response));
        } catch (RuntimeException e) {
            return new GenesysReply.Unanswered(rootMessage(e));
        }
    }

    private Optional<JsonNode> parse(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readTree(body));
        } catch (Exception e) {
            return Optional.of(json.getNodeFactory().textNode(body.length() > 500 ? body.substring(0, 500) : body));
        }
    }

    /** {@code Retry-After} in seconds (the form Genesys sends); an HTTP date is not expected and is ignored. */
    private static Optional<Duration> retryAfter(Response response) {
        String value = response.getHeaderString("Retry-After");
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static Optional<GenesysReply.RateLimitHeaders> rateLimit(Response response) {
        try {
            String count = response.getHeaderString("inin-ratelimit-count");
            String allowed = response.getHeaderString("inin-ratelimit-allowed");
            String reset = response.getHeaderString("inin-ratelimit-reset");
            if (count == null || allowed == null || reset == null) {
                return Optional.empty();
            }
            return Optional.of(new GenesysReply.RateLimitHeaders(
                    Long.parseLong(count.trim()),
                    Long.parseLong(allowed.trim()),
                    Duration.ofSeconds(Long.parseLong(reset.trim()))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }
}
