package io.dialgate.tenant;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

/** Checks a presented {@code Authorization} header against the accepted tokens without leaking timing. */
final class BearerTokens {

    private static final String SCHEME = "Bearer ";

    private BearerTokens() {}

    static boolean matches(String authorizationHeader, List<String> accepted) {
        if (authorizationHeader == null || !authorizationHeader.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] presented = authorizationHeader.substring(SCHEME.length()).trim().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        // Compare against every token, not just until the first match, so the time taken says nothing about which.
        for (String token : accepted) {
            match |= MessageDigest.isEqual(presented, token.getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }
}
