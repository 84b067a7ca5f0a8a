package io.dialgate.cluster;

import io.dialgate.simulator.EventDelivery;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SocketSession;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.RedisProcess;
import io.dialgate.testing.RespClient;
import io.dialgate.testing.TestTenants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two dialgate processes with the tenant's notifications enabled: one runs the channel, and when it is killed the
 * other takes over within the lease time; never are two sockets of the tenant open at once.
 */
class NotificationsLeaderIT {

    private static final Duration LEASE = Duration.ofSeconds(3);

    private RedisProcess redis;
    private GenesysSimulator genesys;
    private final List<DialgateProcess> instances = new ArrayList<>();
    private final String list = TestTenants.newListId();

    @BeforeEach
    void start() {
        redis = RedisProcess.start();
        genesys = ClusterTenants.simulator();
        genesys.notifications().heartbeatInterval(Duration.ofSeconds(1));
        genesys.campaigns()
                .define(genesys.dialer().campaignId(), list, genesys.dialer().queueId());
        genesys.dialer().setDelivery(EventDelivery.WEBSOCKET);
    }

    @AfterEach
    void stop() {
        instances.forEach(DialgateProcess::close);
        genesys.close();
        redis.close();
    }

    private DialgateProcess instance(String name) {
        Map<String, String> env = new HashMap<>(ClusterTenants.DISPATCH);
        env.put("DIALGATE_TENANTS_ACME_NOTIFICATIONS_ENABLED", "true");
        env.put("DIALGATE_TENANTS_ACME_CAMPAIGNS", genesys.dialer().campaignId());
        env.put("DIALGATE_TENANTS_ACME_RECONCILE_INTERVAL", "2S");
        env.put("DIALGATE_NOTIFICATIONS_LEASE", LEASE.toSeconds() + "S");
        env.put("DIALGATE_NOTIFICATIONS_RENEW_EVERY", "1S");
        env.put("DIALGATE_NOTIFICATIONS_CHECK_EVERY", "200MS");
        env.put("DIALGATE_NOTIFICATIONS_SILENCE", "5S");
        DialgateProcess instance = DialgateProcess.launch(redis.uri(), ClusterTenants.acme(genesys, 60_000))
                .jvmOptions("-Xmx256m")
                .environment(env)
                .start();
        instances.add(instance);
        return instance;
    }

    private static String leads(DialgateProcess instance) {
        return given().baseUri(instance.managementUrl())
                .get("/q/health/ready")
                .then()
                .statusCode(200)
                .extract()
                .path("checks.find { it.name == 'dialgate notifications' }.data.leads");
    }

    /** The pod's {@code dialgate_notifications_socket_connected} sample for acme, from its management interface. */
    private static String socketConnected(DialgateProcess instance) {
        String metrics = given().baseUri(instance.managementUrl())
                .get("/q/metrics")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return metrics.lines()
                .filter(line -> line.startsWith("dialgate_notifications_socket_connected{tenant=\"acme\"}"))
                .findFirst()
                .orElse("dialgate_notifications_socket_connected for acme is missing");
    }

    private int openSessions() {
        return (int) genesys.notifications().sessions().stream()
                .filter(SocketSession::open)
                .count();
    }

    /** The most sessions that were open at one instant, from their open and close times. */
    private int mostAtOnce() {
        List<SocketSession> sessions = genesys.notifications().sessions();
        int most = 0;
        for (SocketSession session : sessions) {
            Instant t = session.opened();
            int open = (int) sessions.stream()
                    .filter(s -> !s.opened().isAfter(t)
                            && (s.closed() == null || s.closed().isAfter(t)))
                    .count();
            most = Math.max(most, open);
        }
        return most;
    }

    @Test
    void killingTheLeaderMovesTheChannelToTheOtherInstanceWithinTheLeaseTime() {
        DialgateProcess a = instance("a");
        DialgateProcess b = instance("b");
        await().atMost(Duration.ofSeconds(20)).until(() -> openSessions() == 1);
        DialgateProcess leader = "acme".equals(leads(a)) ? a : b;
        DialgateProcess other = leader == a ? b : a;
        assertEquals("", leads(other), "the other instance does not lead");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> socketConnected(leader).endsWith(" 1.0"));
        assertTrue(socketConnected(other).endsWith(" 0.0"), socketConnected(other));
        RespClient resp = new RespClient(redis.port());
        Object firstHolder = resp.call("HGET", "dg:{t:acme}:notifications-lease", "holder");

        // SIGKILL: no shutdown hook gives the lease back; it must run out
        ProcessHandle.of(leader.pid()).ifPresent(ProcessHandle::destroyForcibly);
        Instant killed = Instant.now();
        // the lease in Redis, read directly: the health endpoint of a loaded machine answers too slowly to time this
        await().atMost(LEASE.plusSeconds(10))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> {
                    Object holder = resp.call("HGET", "dg:{t:acme}:notifications-lease", "holder");
                    return holder != null && !holder.equals(firstHolder);
                });
        Duration takeover = Duration.between(killed, Instant.now());
        resp.close();
        await().atMost(Duration.ofSeconds(10)).until(() -> "acme".equals(leads(other)));
        // then it creates, subscribes and connects its channel (seconds on a loaded machine: first use of the clients)
        await().atMost(Duration.ofSeconds(20)).until(() -> openSessions() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> socketConnected(other).endsWith(" 1.0"));

        // the lease plus one renewal round (1 s) and the health poll
        assertTrue(takeover.compareTo(LEASE.plusMillis(1500)) <= 0, "took the lease over after " + takeover);
        assertEquals(
                1,
                mostAtOnce(),
                "never two sockets at once: " + genesys.notifications().sessions());

        String contact = TestTenants.newContactId();
        genesys.contacts().put(list, contact, Map.of("phone", "+13175550100"));
        genesys.dialer().begin(list, contact);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> given().baseUri(other.baseUri().toString())
                        .header("Authorization", "Bearer " + ClusterTenants.CRM_TOKEN)
                        .get("/v1/tenants/acme/contactlists/{l}/contacts/{c}/dial-state", list, contact)
                        .then()
                        .extract()
                        .<Boolean>path("active"));
    }
}
