package io.dialgate.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client-credentials side of the Genesys login host: checks HTTP Basic client credentials,
 * issues bearer tokens per client and tells the API which client a bearer token belongs to.
 * Tests use {@link #revokeAll()} and {@link #expireAll()} to force dialgate through re-authentication.
 */
public final class SimulatedOAuth {

    /** The client id the Basic header claims, and whether its secret matched. */
    public record BasicCredentials(String clientId, boolean valid) {}

    /** A token as the token endpoint hands it out. */
    public record IssuedToken(String accessToken, String clientId, long expiresInSeconds) {
        @Override
        public String toString() {
            return "IssuedToken[clientId=" + clientId + ", expiresInSeconds=" + expiresInSeconds + ", accessToken=***]";
        }
    }

    /** Why a bearer token was not accepted; each maps to a distinct Genesys 401. */
    public enum Rejection {
        MISSING,
        INVALID,
        EXPIRED
    }

    /** Either the client the token belongs to, or why it was rejected. */
    public record BearerCheck(String clientId, Rejection rejection) {
        public boolean accepted() {
            return rejection == null;
        }
    }

    private record TokenState(String clientId, Instant expiresAt) {}

    private final Map<String, String> clients;
    private final Map<String, TokenState> tokens = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong tokensIssued = new AtomicLong();
    private final java.util.Set<String> everIssued = ConcurrentHashMap.newKeySet();
    private volatile long tokenTtlSeconds;

    SimulatedOAuth(Map<String, String> clients, long tokenTtlSeconds) {
        this.clients = Map.copyOf(clients);
        this.tokenTtlSeconds = tokenTtlSeconds;
    }

    /** Reads an {@code Authorization: Basic ...} header; empty when absent or malformed. */
    Optional<BasicCredentials> basicCredentials(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String decoded;
        try {
            decoded = new String(
                    Base64.getDecoder().decode(authorizationHeader.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = decoded.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String clientId = decoded.substring(0, colon);
        String secret = decoded.substring(colon + 1);
        String expected = clients.get(clientId);
        // constant-time comparison: a simulator does not need it, but it costs nothing and sets the right example
        boolean valid = expected != null
                && MessageDigest.isEqual(
                        expected.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8));
        return Optional.of(new BasicCredentials(clientId, valid));
    }

    boolean isKnownClient(String clientId) {
        return clients.containsKey(clientId);
    }

    IssuedToken issue(String clientId) {
        byte[] bytes = new byte[64];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        long ttl = tokenTtlSeconds;
        tokens.put(token, new TokenState(clientId, Instant.now().plusSeconds(ttl)));
        tokensIssued.incrementAndGet();
        everIssued.add(token);
        return new IssuedToken(token, clientId, ttl);
    }

    BearerCheck checkBearer(String authorizationHeader) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return new BearerCheck(null, Rejection.MISSING);
        }
        TokenState state = tokens.get(authorizationHeader.substring(7).trim());
        if (state == null) {
            return new BearerCheck(null, Rejection.INVALID);
        }
        if (!Instant.now().isBefore(state.expiresAt())) {
            return new BearerCheck(state.clientId(), Rejection.EXPIRED);
        }
        return new BearerCheck(state.clientId(), null);
    }

    /** Forgets every issued token, as if Genesys revoked them; the next API call gets 401. */
    public void revokeAll() {
        tokens.clear();
    }

    /** Makes every issued token expire now, while keeping it known (so the API sees an expired, not unknown, token). */
    public void expireAll() {
        Instant now = Instant.now();
        tokens.replaceAll((token, state) -> new TokenState(state.clientId(), now));
    }

    /** Changes {@code expires_in} for tokens issued from now on, e.g. to test proactive refresh. */
    public void setTokenTtl(Duration ttl) {
        if (ttl.getSeconds() < 1) {
            throw new IllegalArgumentException("token ttl must be at least one second");
        }
        this.tokenTtlSeconds = ttl.getSeconds();
    }

    /** How many tokens the token endpoint has handed out since start or the last {@link GenesysSimulator#reset()}. */
    /** Every access token handed out since start, revoked ones included: what must never show up in a log. */
    public java.util.Set<String> accessTokensEverIssued() {
        return java.util.Set.copyOf(everIssued);
    }

    public long tokensIssued() {
        return tokensIssued.get();
    }

    void resetCounters() {
        tokensIssued.set(0);
    }
}
