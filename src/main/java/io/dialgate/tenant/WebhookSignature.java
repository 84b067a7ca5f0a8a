package io.dialgate.tenant;

import io.dialgate.webhooks.StandardWebhooks;

import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Verifies a Standard Webhooks signature (standardwebhooks.com): {@code webhook-signature} holds space-separated
 * {@code v1,<base64 HMAC-SHA256>} entries over {@code <webhook-id>.<webhook-timestamp>.<raw body>}, keyed with the
 * base64 secret after its {@code whsec_} prefix; the HMAC itself is {@link StandardWebhooks}, which the outbound
 * callbacks sign with. Several secrets may be configured, so a secret can be rotated without downtime.
 */
final class WebhookSignature {

    static final Duration TOLERANCE = Duration.ofMinutes(5);

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
        boolean match = false;
        for (String secret : secrets) {
            byte[] expected = StandardWebhooks.mac(secret, headers.id(), headers.timestamp(), body);
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

    private static byte[] decode(String base64) {
        try {
            return Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
