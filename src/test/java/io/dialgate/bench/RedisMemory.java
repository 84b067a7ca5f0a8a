package io.dialgate.bench;

import io.dialgate.testing.RespClient;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Redis memory per active contact and per pending write, measured as a whole: {@code used_memory} before and after
 * putting {@code n} contacts into a dial (through the events endpoint) and then one held write on each (through the
 * write endpoint), divided by {@code n}. Key sizes from {@code MEMORY USAGE} on a sample add the breakdown.
 */
final class RedisMemory {

    /** Bytes per active contact and per pending write, and a key-by-key breakdown for the report. */
    record Result(int contacts, double bytesPerActiveContact, double bytesPerPendingWrite, String breakdown) {}

    private static final int EVENTS_PER_REQUEST = 100;

    private RedisMemory() {}

    static Result measure(GateTarget target, EventCorpus corpus, long firstDial, int n) throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try (RespClient redis = new RespClient(target.redisPort())) {
            long before = settledUsedMemory(redis);
            for (long d = firstDial; d < firstDial + n; d += EVENTS_PER_REQUEST / 2) {
                int count = (int) Math.min(EVENTS_PER_REQUEST / 2, firstDial + n - d);
                post(http, target, corpus.activeDials(d, count));
            }
            long afterDials = settledUsedMemory(redis);
            AtomicInteger refused = new AtomicInteger();
            ExecutorService senders = Executors.newFixedThreadPool(8);
            try {
                for (int batch = 0; batch < n; batch += 1000) {
                    List<Future<?>> sent = new java.util.ArrayList<>();
                    for (long d = firstDial + batch; d < firstDial + Math.min(n, batch + 1000); d++) {
                        long dial = d;
                        sent.add(senders.submit(() -> write(http, target, dial, refused)));
                    }
                    for (Future<?> f : sent) {
                        f.get();
                    }
                }
            } finally {
                senders.shutdownNow();
            }
            long afterWrites = settledUsedMemory(redis);
            if (refused.get() > 0) {
                throw new IllegalStateException(refused.get() + " writes were not accepted while measuring memory");
            }
            String breakdown = breakdown(redis, target.tenant(), firstDial);
            return new Result(
                    n, (afterDials - before) / (double) n, (afterWrites - afterDials) / (double) n, breakdown);
        }
    }

    /** used_memory, read twice a little apart until it stops moving (lazy frees and client buffers settle). */
    private static long settledUsedMemory(RespClient redis) throws InterruptedException {
        long last = redis.info("memory", "used_memory");
        for (int i = 0; i < 10; i++) {
            Thread.sleep(100);
            long now = redis.info("memory", "used_memory");
            if (Math.abs(now - last) < 1024) {
                return now;
            }
            last = now;
        }
        return last;
    }

    private static String breakdown(RespClient redis, String tenant, long firstDial) {
        String prefix = "dg:{t:" + tenant + "}:";
        String member = EventCorpus.LIST + ":" + EventCorpus.contactId(firstDial);
        String conversation = String.format("0b0e0000-0000-4000-8000-%012x", firstDial);
        StringBuilder out = new StringBuilder();
        for (String key : new String[] {"dial:" + member, "conv:" + conversation, "pw:" + member, "pwids:" + member}) {
            out.append(key, 0, key.indexOf(':'))
                    .append(' ')
                    .append(memoryUsage(redis, prefix + key))
                    .append(", ");
        }
        List<String> writes = redis.scan(prefix + "write:*", 1);
        if (!writes.isEmpty()) {
            out.append("write ").append(memoryUsage(redis, writes.get(0)));
        }
        out.append(" (MEMORY USAGE of one of each; the rest is sorted-set entries and allocator overhead)");
        return out.toString();
    }

    private static String memoryUsage(RespClient redis, String key) {
        return redis.call("MEMORY", "USAGE", key) instanceof Long bytes ? bytes + " B" : "absent";
    }

    private static void post(HttpClient http, GateTarget target, String body) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(URI.create(target.eventsUrl()))
                        .header("Authorization", "Bearer " + target.ingestToken())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() != 202) {
            throw new IllegalStateException("events endpoint answered " + response.statusCode());
        }
    }

    private static void write(HttpClient http, GateTarget target, long dial, AtomicInteger refused) {
        String url = target.baseUrl() + "/v1/tenants/" + target.tenant() + "/contactlists/" + EventCorpus.LIST
                + "/contacts/" + EventCorpus.contactId(dial);
        try {
            HttpResponse<Void> response = http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(10))
                            .header("Authorization", "Bearer " + target.crmToken())
                            .header("Content-Type", "application/json")
                            .method(
                                    "PATCH",
                                    HttpRequest.BodyPublishers.ofString(
                                            "{\"data\":{\"crm_status\":\"paid\",\"crm_note\":\"w" + dial + "\"}}"))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() != 202) {
                refused.incrementAndGet();
            }
        } catch (IOException e) {
            refused.incrementAndGet();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
