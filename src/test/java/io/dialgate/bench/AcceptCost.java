package io.dialgate.bench;

import io.dialgate.testing.RespClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * What one CRM write costs Redis when {@code pending} writes already wait on the same contact, against when one does:
 * the accept script's own run time as Redis measures it ({@code SLOWLOG} with a threshold of 0 while the samples are
 * sent, one at a time, alternating between the crowded contact and contacts with one write each). Both kinds of
 * contact are held in a dial, so nothing is applied meanwhile. The work per accept must not grow with what is pending.
 */
final class AcceptCost {

    /**
     * Median and p90 of the accept script's time in Redis, in microseconds, on the crowded contact and on contacts
     * with one pending write.
     */
    record Result(
            int pending,
            int samples,
            double crowdedMedianMicros,
            double crowdedP90Micros,
            double oneMedianMicros,
            double oneP90Micros,
            String problem) {

        static Result notMeasured(int pending, int samples, String why) {
            return new Result(pending, samples, -1, -1, -1, -1, why);
        }

        boolean measured() {
            return crowdedMedianMicros > 0 && oneMedianMicros > 0;
        }

        double ratio() {
            return crowdedMedianMicros / Math.max(1, oneMedianMicros);
        }

        String describe() {
            if (!measured()) {
                return "not measured: " + problem;
            }
            return String.format(
                    Locale.ROOT,
                    "%,d pending: median %.0f µs (p90 %.0f µs); 1 pending: median %.0f µs (p90 %.0f µs); %.1f×"
                            + " (accept script in Redis, SLOWLOG, %d samples each)",
                    pending,
                    crowdedMedianMicros,
                    crowdedP90Micros,
                    oneMedianMicros,
                    oneP90Micros,
                    ratio(),
                    samples);
        }
    }

    private static final int BATCH = 1000;

    private AcceptCost() {}

    /** Dials {@code firstDial} (crowded) and the {@code samples} after it (one write each) are used. */
    static Result measure(GateTarget target, EventCorpus corpus, long firstDial, int pending, int samples)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (long d = firstDial; d <= firstDial + samples; d += 50) {
            post(http, target.eventsUrl(), target.ingestToken(), corpus.activeDials(d, (int)
                    Math.min(50, firstDial + samples + 1 - d)));
        }
        String crowded = EventCorpus.contactId(firstDial);
        for (int sent = 0; sent < pending; sent += BATCH) {
            batch(http, target, Collections.nCopies(Math.min(BATCH, pending - sent), crowded));
        }
        List<String> others = new ArrayList<>();
        for (long d = firstDial + 1; d <= firstDial + samples; d++) {
            others.add(EventCorpus.contactId(d));
        }
        batch(http, target, others);
        try (RespClient redis = new RespClient(target.redisPort())) {
            String threshold = configValue(redis, "slowlog-log-slower-than");
            String length = configValue(redis, "slowlog-max-len");
            redis.call("CONFIG", "SET", "slowlog-max-len", "100000");
            redis.call("CONFIG", "SET", "slowlog-log-slower-than", "0");
            redis.call("SLOWLOG", "RESET");
            try {
                for (int i = 0; i < samples; i++) {
                    patch(http, target, crowded, i);
                    patch(http, target, others.get(i), i);
                }
                List<Long> crowdedMicros = new ArrayList<>();
                List<Long> oneMicros = new ArrayList<>();
                String crowdedKey = ":pw:" + EventCorpus.LIST + ":" + crowded;
                List<?> entries = (List<?>) redis.call("SLOWLOG", "GET", "100000");
                List<String> examples = new ArrayList<>();
                for (Object entry : entries) {
                    List<?> fields = (List<?>) entry;
                    long micros = (Long) fields.get(2);
                    List<?> args = (List<?>) fields.get(3);
                    // EVALSHA <sha> <numkeys> <first key> ...: accept-write.lua's first key is the pending hash
                    if (args.size() < 4
                            || !String.valueOf(args.get(0))
                                    .toUpperCase(Locale.ROOT)
                                    .startsWith("EVAL")) {
                        continue;
                    }
                    String firstKey = String.valueOf(args.get(3));
                    if (firstKey.endsWith(crowdedKey)) {
                        crowdedMicros.add(micros);
                    } else if (firstKey.contains(":pw:" + EventCorpus.LIST + ":")) {
                        oneMicros.add(micros);
                    }
                }
                if (crowdedMicros.isEmpty() || oneMicros.isEmpty()) {
                    // never the end of a whole run: the row says what was seen instead
                    return Result.notMeasured(
                            pending,
                            samples,
                            "SLOWLOG held " + entries.size() + " entries, "
                                    + crowdedMicros.size() + " on the crowded contact, " + oneMicros.size()
                                    + " on the others; e.g. " + examples);
                }
                return new Result(
                        pending,
                        samples,
                        percentile(crowdedMicros, 50),
                        percentile(crowdedMicros, 90),
                        percentile(oneMicros, 50),
                        percentile(oneMicros, 90),
                        "");
            } finally {
                redis.call("CONFIG", "SET", "slowlog-log-slower-than", threshold);
                redis.call("CONFIG", "SET", "slowlog-max-len", length);
                redis.call("SLOWLOG", "RESET");
            }
        }
    }

    private static String configValue(RespClient redis, String name) {
        return String.valueOf(((List<?>) redis.call("CONFIG", "GET", name)).get(1));
    }

    private static double percentile(List<Long> values, int p) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static void batch(HttpClient http, GateTarget target, List<String> contacts)
            throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder("{\"writes\":[");
        for (int i = 0; i < contacts.size(); i++) {
            body.append(i == 0 ? "" : ",")
                    .append("{\"contactId\":\"")
                    .append(contacts.get(i))
                    .append("\",\"data\":{\"crm_note\":\"b")
                    .append(i)
                    .append("\"}}");
        }
        send(
                http,
                target.baseUrl() + "/v1/tenants/" + target.tenant() + "/contactlists/" + EventCorpus.LIST
                        + "/writes:batch",
                target.crmToken(),
                "POST",
                body.append("]}").toString());
    }

    private static void patch(HttpClient http, GateTarget target, String contact, int i)
            throws IOException, InterruptedException {
        send(
                http,
                target.baseUrl() + "/v1/tenants/" + target.tenant() + "/contactlists/" + EventCorpus.LIST + "/contacts/"
                        + contact,
                target.crmToken(),
                "PATCH",
                "{\"data\":{\"crm_status\":\"s" + i + "\"}}");
    }

    private static void post(HttpClient http, String url, String token, String body)
            throws IOException, InterruptedException {
        send(http, url, token, "POST", body);
    }

    private static void send(HttpClient http, String url, String token, String method, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(
                    method + " " + url + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
