package io.dialgate.tenant;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BearerTokensTest {

    private final List<String> accepted = List.of("old-token", "new-token");

    @Test
    void acceptsEveryConfiguredTokenSoTokensCanBeRotated() {
        assertTrue(BearerTokens.matches("Bearer old-token", accepted));
        assertTrue(BearerTokens.matches("Bearer new-token", accepted));
    }

    @Test
    void schemeIsCaseInsensitive() {
        assertTrue(BearerTokens.matches("bearer new-token", accepted));
    }

    @Test
    void refusesAWrongMissingOrNonBearerCredential() {
        assertFalse(BearerTokens.matches("Bearer new-token2", accepted));
        assertFalse(BearerTokens.matches(null, accepted));
        assertFalse(BearerTokens.matches("Basic bmV3LXRva2Vu", accepted));
        assertFalse(BearerTokens.matches("Bearer ", accepted));
    }

    @Test
    void aTenantWithoutTokensAcceptsNothing() {
        assertFalse(BearerTokens.matches("Bearer x", List.of()));
    }
}
