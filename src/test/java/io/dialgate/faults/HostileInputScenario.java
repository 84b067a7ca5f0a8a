package io.dialgate.faults;

import io.dialgate.testing.RespClient;
import io.dialgate.testing.TestTenants;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Scenario 6: fuzzed bodies on every endpoint, and well-formed requests with wrong tokens: never a 5xx, never a stack
 * trace, and nothing stored for the contact list they name.
 */
final class HostileInputScenario implements FaultScenario {

    private static final String[] CONTENT_TYPES = {
        "application/json",
        "text/plain",
        "application/xml",
        null,
        "application/json; charset=latin1",
        "multipart/form-data"
    };

    @Override
    public String name() {
        return "6 hostile input";
    }

    @Override
    public FaultRig.Options options() {
        return FaultRig.Options.standard();
    }

    @Override
    public Injection inject(FaultRig rig) throws Exception {
        String list = TestTenants.newListId();
        String contact = TestTenants.newContactId();
        String base = rig.liveInstance().baseUrl() + "/v1/tenants/" + FaultRig.TENANT;
        List<String[]> endpoints = List.of(
                new String[] {"PATCH", base + "/contactlists/" + list + "/contacts/" + contact},
                new String[] {"POST", base + "/contactlists/" + list + "/writes:batch"},
                new String[] {"POST", base + "/events"},
                new String[] {"GET", base + "/writes/" + contact},
                new String[] {"GET", base + "/contactlists/" + list + "/contacts/" + contact + "/dial-state"},
                new String[] {"POST", base + "/dead-letters/" + contact + ":retry"},
                new String[] {"GET", base + "/dead-letters"},
                new String[] {"GET", base + "/stats"},
                new String[] {"GET", base + "/callbacks/dead-letters"},
                new String[] {"POST", base + "/callbacks/dead-letters/" + contact + ":retry"},
                // ids Genesys never issues: dot segments, an encoded slash, a list id that is no UUID, spaces, 2k chars
                new String[] {"PATCH", base + "/contactlists/" + list + "/contacts/.."},
                new String[] {"PATCH", base + "/contactlists/" + list + "/contacts/a%2F..%2Fb"},
                new String[] {"PATCH", base + "/contactlists/" + list + "m/contacts/" + contact},
                new String[] {"PATCH", base + "/contactlists/" + list + "/contacts/%20" + contact},
                new String[] {"PATCH", base + "/contactlists/" + list + "/contacts/" + "c".repeat(2_000)},
                new String[] {"GET", base + "/dead-letters?limit=-1&cursor=%00%ff"},
                new String[] {"GET", base + "/writes/" + contact + "%2F..%2Fstats"});
        RawHttp http = new RawHttp();
        Random random = new Random(42);
        Map<String, Integer> statuses = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        int fuzzed = rig.scale().fuzzBodies();
        for (int i = 0; i < fuzzed; i++) {
            String[] endpoint = endpoints.get(i % endpoints.size());
            String token = endpoint[1].endsWith("/events") ? TestTenants.ACME_INGEST_TOKEN : TestTenants.ACME_CRM_TOKEN;
            judge(
                    http.send(
                            endpoint[0],
                            endpoint[1],
                            token,
                            CONTENT_TYPES[random.nextInt(CONTENT_TYPES.length)],
                            HostileBodies.next(random, list, contact)),
                    endpoint,
                    statuses,
                    problems,
                    false);
        }
        String[] wrongTokens = {
            "",
            // (a trailing space is not one: HTTP strips whitespace around a header value, RFC 9110 5.5)
            TestTenants.ACME_CRM_TOKEN.substring(0, TestTenants.ACME_CRM_TOKEN.length() - 1),
            TestTenants.ACME_CRM_TOKEN + "x",
            TestTenants.GLOBEX_CRM_TOKEN,
            "x".repeat(10_000),
            TestTenants.ACME_CRM_TOKEN.toUpperCase(),
            "Bearer " + TestTenants.ACME_CRM_TOKEN
        };
        for (String[] endpoint : endpoints) {
            for (String token : wrongTokens) {
                judge(
                        http.send(
                                endpoint[0],
                                endpoint[1],
                                token,
                                "application/json",
                                "{\"data\":{\"crm_status\":\"wrong-token\"}}"),
                        endpoint,
                        statuses,
                        problems,
                        true);
            }
        }
        problems.addAll(replayedSignatures(http, base + "/events", statuses));
        long stored;
        try (RespClient redis = new RespClient(rig.redis().port())) {
            Object keys = redis.call("KEYS", "*" + list + "*");
            stored = keys instanceof List<?> l ? l.size() : 0;
        }
        if (stored > 0) {
            problems.add(stored + " Redis keys name the fuzzed contact list: state changed");
        }
        long writes = rig.genesys().requestLog().puts().stream()
                .filter(p -> list.equals(p.contactListId()))
                .count();
        if (writes > 0) {
            problems.add(writes + " PUTs to Genesys for the fuzzed contact list");
        }
        return Injection.of(
                String.format(
                        "%d fuzzed + %d wrong-token requests on %d endpoints; answers %s",
                        fuzzed, endpoints.size() * wrongTokens.length, endpoints.size(), statuses),
                problems.stream().distinct().limit(10).toList());
    }

    /**
     * Standard Webhooks headers instead of the bearer: a signature replayed onto another body, one with a stale
     * timestamp, one made with a secret acme does not hold. acme authenticates its events by bearer only: all 401.
     */
    private static List<String> replayedSignatures(RawHttp http, String eventsUrl, Map<String, Integer> statuses) {
        String secret = "whsec_" + java.util.Base64.getEncoder().encodeToString("not-acme's-secret".getBytes());
        String body = "[]";
        String now = Long.toString(java.time.Instant.now().getEpochSecond());
        String stale = Long.toString(java.time.Instant.now().minusSeconds(3_600).getEpochSecond());
        List<Map<String, String>> signed = List.of(
                signature(secret, "msg_1", now, body),
                // a signature seen on another body, replayed onto this one
                signature(secret, "msg_1", now, "[{\"topicName\":\"replayed\"}]"),
                signature(secret, "msg_2", stale, body));
        List<String> problems = new ArrayList<>();
        for (Map<String, String> headers : signed) {
            RawHttp.Answer answer = http.send("POST", eventsUrl, null, "application/json", body, headers);
            statuses.merge(Integer.toString(answer.status()), 1, Integer::sum);
            if (answer.status() != 401) {
                problems.add(answer.status() + " for a replayed or foreign webhook signature on POST /events");
            }
        }
        return problems;
    }

    private static Map<String, String> signature(String secret, String id, String timestamp, String signedBody) {
        return Map.of(
                "webhook-id",
                id,
                "webhook-timestamp",
                timestamp,
                "webhook-signature",
                io.dialgate.webhooks.StandardWebhooks.sign(
                        secret, id, timestamp, signedBody.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    /**
     * The events endpoint answers 202 to JSON it cannot use (topics it does not know are counted and ignored: a relay
     * that gets an error retries for days); what matters is that its report took no event into the dial state.
     */
    private static boolean noEventTaken(RawHttp.Answer answer) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper()
                            .readTree(answer.body())
                            .path("accepted")
                            .asInt(0)
                    == 0;
        } catch (java.io.IOException notJson) {
            return false;
        }
    }

    private static void judge(
            RawHttp.Answer answer,
            String[] endpoint,
            Map<String, Integer> statuses,
            List<String> problems,
            boolean wrongToken) {
        statuses.merge(Integer.toString(answer.status()), 1, Integer::sum);
        String where = endpoint[0] + " " + endpoint[1].replaceAll(".*/v1/tenants/[^/]+", "");
        if (answer.status() >= 500 || answer.status() < 0) {
            problems.add(answer.status() + " on " + where);
        }
        if (answer.leaksStackTrace()) {
            problems.add("stack trace in the answer of " + where);
        }
        if (wrongToken && answer.status() / 100 == 2) {
            problems.add(answer.status() + " with a wrong token on " + where);
        }
        if (!wrongToken && answer.status() == 202 && !(endpoint[1].endsWith("/events") && noEventTaken(answer))) {
            problems.add("a fuzzed body was accepted on " + where);
        }
    }
}
