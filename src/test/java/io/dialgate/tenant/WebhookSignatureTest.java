package io.dialgate.tenant;

import io.dialgate.webhooks.StandardWebhooks;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {

    private static final byte[] KEY = "a-32-byte-secret-for-the-tests!!".getBytes(StandardCharsets.UTF_8);
    private static final String SECRET = "whsec_" + Base64.getEncoder().encodeToString(KEY);
    private static final byte[] BODY = "{\"topicName\":\"t\",\"eventBody\":{}}".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_790_000_000L);

    private static String sign(byte[] key, String id, long timestamp, byte[] body) {
        byte[] head = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[head.length + body.length];
        System.arraycopy(head, 0, content, 0, head.length);
        System.arraycopy(body, 0, content, head.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(StandardWebhooks.hmac(key, content));
    }

    private static WebhookSignature.Headers headers(long timestamp, String signature) {
        return new WebhookSignature.Headers("msg_1", Long.toString(timestamp), signature);
    }

    @Test
    void acceptsASignatureOverIdTimestampAndRawBody() {
        long ts = NOW.getEpochSecond();
        assertTrue(WebhookSignature.verify(List.of(SECRET), headers(ts, sign(KEY, "msg_1", ts, BODY)), BODY, NOW));
    }

    @Test
    void acceptsWhenAnyOfSeveralSignaturesMatchesAnyConfiguredSecret() {
        long ts = NOW.getEpochSecond();
        String header = "v1,AAAA " + sign(KEY, "msg_1", ts, BODY);
        assertTrue(WebhookSignature.verify(List.of("whsec_b2xk", SECRET), headers(ts, header), BODY, NOW));
    }

    @Test
    void refusesABodyChangedAfterSigning() {
        long ts = NOW.getEpochSecond();
        byte[] altered = "{\"topicName\":\"u\",\"eventBody\":{}}".getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(List.of(SECRET), headers(ts, sign(KEY, "msg_1", ts, BODY)), altered, NOW));
    }

    @Test
    void refusesATimestampOlderThanFiveMinutes() {
        long ts = NOW.getEpochSecond() - 301;
        assertFalse(WebhookSignature.verify(List.of(SECRET), headers(ts, sign(KEY, "msg_1", ts, BODY)), BODY, NOW));
    }

    @Test
    void refusesATimestampMoreThanFiveMinutesAhead() {
        long ts = NOW.getEpochSecond() + 301;
        assertFalse(WebhookSignature.verify(List.of(SECRET), headers(ts, sign(KEY, "msg_1", ts, BODY)), BODY, NOW));
    }

    @Test
    void refusesWhenNoSecretIsConfiguredOrHeadersAreMissing() {
        long ts = NOW.getEpochSecond();
        String signature = sign(KEY, "msg_1", ts, BODY);
        assertFalse(WebhookSignature.verify(List.of(), headers(ts, signature), BODY, NOW));
        assertFalse(WebhookSignature.verify(
                List.of(SECRET), new WebhookSignature.Headers(null, Long.toString(ts), signature), BODY, NOW));
    }
}
