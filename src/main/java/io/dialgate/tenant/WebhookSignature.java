package io.dialgate.tenant;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Verifies a Standard Webhooks signature (standardwebhooks.com): {@code webhook-signature} holds space-separated
 * {@code v1,<base64 HMAC-SHA256>} entries over {@code <webhook-id>.<webhook-timestamp>.<raw body>}, keyed with the
 * base64 secret after its {@code whsec_} prefix. Hand-written because no Quarkus extension verifies it; it is a dozen
 * lines of JDK crypto. Several secrets may be configured, so a secret can be rotated without downtime.
 */
final class WebhookSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);
    private static final String PREFIX = "whsec_";

    private WebhookSignature() {}

    /** The headers of a signed request, as sent. */
    record Headers(String id, String timestamp, String signature) {
        boolean present() {
            return id != null && timestamp != null && signature != null;
        }
    }

    static boolean verify(List<String> secrets, Headers headers, byte[] body, Instant now) {
        if (secrets.isEmpty() || !headers.present() || !fresh(headers.timestamp(), now)) {
            return false;
        }
        byte[] signed = signedContent(headers, body);
        boolean match = false;
        for (String secret : secrets) {
            byte[] expected = hmac(key(secret), signed);
            for (String entry : headers.signature().trim().split(" +")) {
                if (entry.startsWith("v1,")) {
                    byte[] given = decode(entry.substring(3));
                    match |= given != null && MessageDigest.isEqual(expected, given);
                }
            }
        }
        return match;
    }

    private static boolean fresh(String timestamp, Instant now) {
        try {
            Instant sent = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
            return Duration.between(sent, now).abs().compareTo(TOLERANCE) <= 0;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static byte[] signedContent(Headers headers, byte[] body) {
        byte[] head = (headers.id() + "." + headers.timestamp().trim() + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[head.length + body.length];
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(body, 0, content, head.length, body.length);
        return content;
    }

    private static byte[] key(String secret) {
        String encoded = secret.startsWith(PREFIX) ? secret.substring(PREFIX.length()) : secret;
        byte[] decoded = decode(encoded);
        return decoded != null ? decoded : secret.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
