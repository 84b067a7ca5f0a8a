package io.dialgate.webhooks;

import com.standardwebhooks.Webhook;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** dialgate's signer against the reference Standard Webhooks library (com.standardwebhooks:standardwebhooks). */
class StandardWebhooksTest {

    private static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String OTHER_SECRET = "whsec_aG9vbGktY2FsbGJhY2stc2VjcmV0LWZvci10aGUtdGVzdHM=";
    private static final String ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final String BODY = "{\"test\": 2432232314}";

    @Test
    void signsAsTheReferenceLibraryDoes() throws Exception {
        long timestamp = 1614265330L;
        assertEquals(
                new Webhook(SECRET).sign(ID, timestamp, BODY),
                StandardWebhooks.sign(SECRET, ID, Long.toString(timestamp), BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void matchesThePublishedExampleSignature() {
        // The example of the spec and its libraries' tests: this secret, id, timestamp and body give this signature.
        assertEquals(
                "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
                StandardWebhooks.sign(SECRET, ID, "1614265330", BODY.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aHeaderSignedWithTwoSecretsVerifiesWithEitherInTheReferenceLibrary() {
        String timestamp = Long.toString(Instant.now().getEpochSecond());
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        String header = StandardWebhooks.signatureHeader(List.of(SECRET, OTHER_SECRET), ID, timestamp, body);
        Map<String, List<String>> headers = Map.of(
                "webhook-id",
                List.of(ID),
                "webhook-timestamp",
                List.of(timestamp),
                "webhook-signature",
                List.of(header));

        assertDoesNotThrow(() -> new Webhook(SECRET).verify(BODY, headers));
        assertDoesNotThrow(() -> new Webhook(OTHER_SECRET).verify(BODY, headers));
        assertThrows(Exception.class, () -> new Webhook("whsec_" + "b3RoZXI=").verify(BODY, headers));
        assertThrows(Exception.class, () -> new Webhook(SECRET).verify(BODY.replace('2', '3'), headers));
    }
}
