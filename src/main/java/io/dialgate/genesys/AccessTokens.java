package io.dialgate.genesys;

import com.fasterxml.jackson.databind.JsonNode;
import io.dialgate.tenant.Tenant;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth client-credentials tokens, one per tenant, cached until shortly before {@code expires_in} so that each token
 * costs one call of the tenant's API budget per day rather than one per write.
 */
@ApplicationScoped
public class AccessTokens {

    private static final Duration EARLY_REFRESH = Duration.ofMinutes(5);

    private final GenesysClients clients;
    private final GenesysCalls calls;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, CachedToken> cache = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public AccessTokens(GenesysClients clients, GenesysCalls calls) {
        this.clients = clients;
        this.calls = calls;
    }

    private record CachedToken(String bearer, Instant refreshAt) {}

    /** The tenant's bearer header value, fetching a token if none is cached; or the failed token reply. */
    public TokenResult bearer(Tenant tenant) {
        CachedToken cached = cache.get(tenant.name());
        if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
            return new TokenResult.Issued(cached.bearer());
        }
        synchronized (lockFor(tenant)) {
            cached = cache.get(tenant.name());
            if (cached != null && clock.instant().isBefore(cached.refreshAt())) {
                return new TokenResult.Issued(cached.bearer());
            }
            GenesysReply reply =
                    calls.send(tenant, "TOKEN", () -> clients.login(tenant).token(basic(tenant), "client_credentials"));
            Optional<JsonNode> body = reply instanceof GenesysReply.Answered answered && answered.ok()
                    ? answered.body()
                    : Optional.empty();
            JsonNode token = body.map(b -> b.get("access_token")).orElse(null);
            if (token == null || !token.isTextual()) {
                return new TokenResult.Refused(reply);
            }
            long expiresIn = body.get().path("expires_in").asLong(3600);
            Duration lifetime = Duration.ofSeconds(expiresIn);
            Duration margin =
                    lifetime.compareTo(EARLY_REFRESH.multipliedBy(2)) > 0 ? EARLY_REFRESH : lifetime.dividedBy(2);
            cache.put(
                    tenant.name(),
                    new CachedToken("Bearer " + token.asText(), clock.instant().plus(lifetime.minus(margin))));
            return new TokenResult.Issued("Bearer " + token.asText());
        }
    }

    /** Forgets the tenant's token after Genesys refused it (401), so the next call fetches a new one. */
    public void invalidate(Tenant tenant, String bearer) {
        cache.computeIfPresent(tenant.name(), (name, cached) -> cached.bearer().equals(bearer) ? null : cached);
    }

    private Object lockFor(Tenant tenant) {
        return locks.computeIfAbsent(tenant.name(), name -> new Object());
    }

    private static String basic(Tenant tenant) {
        String pair = tenant.clientId() + ":" + tenant.clientSecret();
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** A bearer header value, or the token endpoint's reply that gave none. */
    public sealed interface TokenResult {

        /** {@code bearer} is the whole Authorization header value ({@code Bearer …}). */
        record Issued(String bearer) implements TokenResult {}

        record Refused(GenesysReply reply) implements TokenResult {}
    }
}
