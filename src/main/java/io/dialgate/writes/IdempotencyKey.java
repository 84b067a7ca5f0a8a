package io.dialgate.writes;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client's {@code Idempotency-Key} and the fingerprint of the request it came with: the same key with the same
 * request answers the original result; with another request it is refused.
 */
record IdempotencyKey(String key, String fingerprint) {

    private static final Pattern VALID = Pattern.compile("[\\x21-\\x7E]{1,255}");

    /** The header's key, if one was sent; a malformed one is refused as invalid. */
    static Optional<String> of(String header) {
        if (header == null) {
            return Optional.empty();
        }
        if (!VALID.matcher(header).matches()) {
            throw new InvalidWriteException("Idempotency-Key must be 1-255 visible ASCII characters.");
        }
        return Optional.of(header);
    }

    /** Fingerprints the request: the endpoint and a canonical form of what it asks for. */
    static IdempotencyKey of(String key, String endpoint, String canonicalRequest) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((endpoint + "\n" + canonicalRequest).getBytes(StandardCharsets.UTF_8));
            return new IdempotencyKey(key, HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
