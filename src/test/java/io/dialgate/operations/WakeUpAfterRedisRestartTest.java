package io.dialgate.operations;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.state.DialPhase;
import io.dialgate.state.DialStateStore;
import io.dialgate.state.DialerEvent;
import io.dialgate.tenant.Tenants;
import io.dialgate.testing.DialgateClient;
import io.dialgate.testing.GenesysEvents;
import io.dialgate.testing.InjectRedisProcess;
import io.dialgate.testing.InjectSimulator;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.TestTenants;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * The wake-up subscription lives on one Redis connection: after a Redis restart it must be made again, or a dial that
 * another instance ends is only noticed at this instance's idle check. The idle check is a minute here, so a release
 * seen within seconds can only have come through pub/sub.
 */
@QuarkusTest
@TestProfile(WakeUpAfterRedisRestartTest.MinuteIdleCheck.class)
class WakeUpAfterRedisRestartTest {

    public static final class MinuteIdleCheck implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("dialgate.dispatch.idle-check", "60S");
        }
    }

    @InjectRedisProcess
    RedisProcess redisProcess;

    @InjectSimulator
    GenesysSimulator genesys;

    @Inject
    RedisDataSource redis;

    @Inject
    DialStateStore states;

    @Inject
    Tenants tenants;

    private final DialgateClient acme = DialgateClient.acme();

    private long wakeSubscribers() {
        try {
            return redis.execute("PUBSUB", "NUMSUB", "dg:wake").get(1).toLong();
        } catch (RuntimeException redisNotBackYet) {
            return -1;
        }
    }

    @Test
    void afterARedisRestartADialEndedByAnotherInstanceIsReleasedWithinSecondsThroughPubSub() throws Exception {
        await().atMost(Duration.ofSeconds(20)).until(() -> wakeSubscribers() >= 1);

        redisProcess.stop();
        Thread.sleep(1_500);
        redisProcess.restart();

        await("the wake-up subscription is made again")
                .atMost(Duration.ofSeconds(20))
                .until(() -> wakeSubscribers() >= 1);
        String list = TestTenants.newListId();
        String contact = TestTenants.newContactId();
        String conversation = UUID.randomUUID().toString();
        long t0 = System.currentTimeMillis();
        genesys.contacts().put(list, contact, Map.of("tier", "silver"));
        String preContact =
                GenesysEvents.preContact(list, contact, conversation, t0).toString();
        await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(() -> RestAssured.given()
                                .config(RestAssured.config()
                                        .httpClient(HttpClientConfig.httpClientConfig()
                                                .setParam("http.socket.timeout", 5_000)))
                                .header("Authorization", "Bearer " + acme.ingestToken())
                                .contentType(ContentType.JSON)
                                .body(preContact)
                                .post(acme.eventsPath())
                                .statusCode()
                        == 202);
        String writeId = acme.accept(list, contact, "{\"data\":{\"tier\":\"gold\"}}");
        acme.awaitState(writeId, "HELD");
        Thread.sleep(1_000); // the dispatcher has gone back to sleep for its idle check

        // Another instance ends the dial: the script publishes on dg:wake; nothing wakes this instance directly.
        states.apply(
                        tenants.find(TestTenants.ACME).orElseThrow(),
                        new DialerEvent(
                                "v2.outbound.voice.campaigns.contact.postContact",
                                DialPhase.DONE,
                                t0 + 30_000,
                                Optional.of(new io.dialgate.state.ContactRef(list, contact)),
                                Optional.of(conversation),
                                Optional.empty()))
                .await()
                .atMost(Duration.ofSeconds(5));

        await("released through pub/sub, well before the one-minute idle check")
                .atMost(Duration.ofSeconds(8))
                .until(() -> acme.state(writeId).equals("APPLIED"));
    }
}
