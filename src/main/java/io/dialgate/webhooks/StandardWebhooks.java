package io.dialgate.webhooks;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The signature scheme of Standard Webhooks (standardwebhooks.com), v1: HMAC-SHA256 over
 * {@code <webhook-id>.<webhook-timestamp>.<raw body>}, keyed with the base64 secret after its {@code whsec_} prefix,
 * sent base64-encoded as {@code v1,<signature>} entries separated by spaces. Shared by the inbound events endpoint
 * (which verifies) and the outbound callbacks (which sign), so both follow one implementation. Hand-written because it
 * is a dozen lines of JDK crypto; the tests check it against the reference library.
 */
public final class StandardWebhooks {

    /** The prefix of a secret in the spec's format. */
    public static final String SECRET_PREFIX = "whsec_";
    /** The only signature version the spec defines for symmetric keys. */
    public static final String VERSION = "v1";

    private StandardWebhooks() {}

    /** The signature of one message with one secret, as the {@code v1,<base64>} entry of the header. */
    public static String sign(String secret, String id, String timestamp, byte[] body) {
        return VERSION + "," + Base64.getEncoder().encodeToString(mac(secret, id, timestamp, body));
    }

    /**
     * The {@code webhook-signature} header value: one entry per secret, so a receiver that knows either the old or the
     * new secret of a rotation accepts the message.
     */
    public static String signatureHeader(List<String> secrets, String id, String timestamp, byte[] body) {
        List<String> entries = new ArrayList<>(secrets.size());
        for (String secret : secrets) {
            entries.add(sign(secret, id, timestamp, body));
        }
        return String.join(" ", entries);
    }

    /** The raw HMAC of one message with one secret. */
    public static byte[] mac(String secret, String id, String timestamp, byte[] body) {
        return hmac(key(secret), signedContent(id, timestamp, body));
    }

    /**
     * The key of a secret: the base64 after {@code whsec_}. A secret that is not base64 is used as its UTF-8 bytes, as
     * the reference libraries do for unbranded secrets.
     */
    public static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(encoded.trim());
        } catch (IllegalArgumentException e) {
            return secret.getBytes(StandardCharsets.UTF_8);
        }
    }

    private static byte[] signedContent(String id, String timestamp, byte[] body) {
        byte[] head = (id + "." + timestamp.trim() + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[head.length + body.length];
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(body, 0, content, head.length, body.length);
        return content;
    }

    public static byte[] hmac(byte[] key, byte[] content) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(content);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is required by the Java platform", e);
        }
    }
}
