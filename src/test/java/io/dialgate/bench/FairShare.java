package io.dialgate.bench;

import io.dialgate.demo.DialgateMetrics;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.RecordedRequest;
import io.dialgate.simulator.ScriptedResponse;
import io.dialgate.simulator.SimulatorOptions;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.DialgateProcess.TenantSetup;
import io.dialgate.testing.RedisProcess;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Several dialgate pods sharing one Redis and many tenants, one of which has a deep backlog (issue 13): does every pod
 * take a share of the dispatch, and do the other tenants' writes go out while the backlog drains? The backlog tenant's
 * writes are accepted first (in batches); then every other tenant gets a few (one batch each). Each apply takes {@code putLatency} at the simulated
 * Genesys, and the pods have few apply workers, so the backlog alone could keep them all busy.
 *
 * <p>Two tenants also show that what limits a tenant is shared by the pods, not per pod: the second tenant has a small
 * Genesys budget ({@code budgetPerMinute}), which all pods together must keep (its calls in any 10 s are counted at the
 * simulator); the third tenant's first GET is answered 429 with rate-limit headers saying the budget is spent for
 * {@code pause}: the pod that gets it pauses the tenant in Redis, and no pod may call Genesys for it until the pause
 * ends.
 */
public final class FairShare {

    /**
     * What to run.
     *
     * @param instances dialgate pods
     * @param tenants tenants, all served by every pod; the first one has the backlog
     * @param backlog writes of the first tenant, accepted before the others'
     * @param writesPerTenant writes of each other tenant
     * @param workers {@code dialgate.dispatch.workers} of each pod
     * @param putLatency added to every Genesys PUT
     * @param budgetPerMinute the Genesys budget (requests per minute) of the second tenant, t0001
     * @param budgetWrites writes of t0001
     * @param pause how long t0002 is paused by the 429 its first GET gets
     */
    public record Setup(
            int instances,
            int tenants,
            int backlog,
            int writesPerTenant,
            int workers,
            Duration putLatency,
            int budgetPerMinute,
            int budgetWrites,
            Duration pause) {}

    /**
     * The budgeted tenant's calls.
     *
     * @param calls every request of its OAuth client (token, GET, PUT), all pods together
     * @param maxIn10s the most that arrived within any 10 s
     * @param allowedIn10s what its budget allows within 10 s (a sixth of the per-minute budget plus the burst of a
     *     tenth), all pods together
     * @param took from its first write until all were applied
     */
    public record Budget(int calls, int maxIn10s, int allowedIn10s, Duration took) {}

    /**
     * The paused tenant's calls.
     *
     * @param callsDuringPause requests of its OAuth client, any pod, from 1 s after the 429 until 0.5 s before the
     *     pause ends (the 1 s lets calls already on the wire arrive)
     * @param appliedAfter from the 429 until all its writes were applied
     */
    public record Pause(int callsDuringPause, Duration appliedAfter) {}

    /**
     * What happened.
     *
     * @param appliesByInstance applies each pod made, from its own {@code dialgate_applies_total}
     * @param othersDone from the first write of the other tenants until all of them were applied
     * @param backlogDone from the first write of the backlog until all of it was applied
     * @param backlogAppliedWhenOthersDone how much of the backlog had been applied when the others were all done
     * @param slowestOtherTenant the longest any one other tenant waited for all its writes
     */
    public record Result(
            Setup setup,
            List<Long> appliesByInstance,
            Duration othersDone,
            Duration backlogDone,
            int backlogAppliedWhenOthersDone,
            Duration slowestOtherTenant,
            Budget budget,
            Pause pause) {

        /** The smallest share of the applies any one pod made (1 / instances when even). */
        public double smallestShare() {
            long total = appliesByInstance.stream().mapToLong(Long::longValue).sum();
            return total == 0
                    ? 0
                    : appliesByInstance.stream()
                                    .mapToLong(Long::longValue)
                                    .min()
                                    .orElse(0)
                            / (double) total;
        }
    }

    /** Writes per batch request (dialgate's default largest batch). */
    private static final int BATCH = 1000;

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final String LIST = "3f1c2a9e-0000-4000-8000-00000000fa15";
    private static final int BUDGETED = 1;
    private static final int PAUSED = 2;
    /** The first tenant whose writes count as "the others". */
    private static final int FIRST_OTHER = 3;

    private FairShare() {}

    public static Result run(Path appDir, Setup setup, Duration timeout) throws Exception {
        Map<String, String> clients = new HashMap<>();
        List<TenantSetup> tenants = new ArrayList<>();
        try (RedisProcess redis = RedisProcess.start()) {
            GenesysSimulator genesys = GenesysSimulator.start(SimulatorOptions.builder()
                    .clients(clientsOf(setup.tenants(), clients))
                    .requestsPerMinute(1_000_000)
                    .build());
            List<DialgateProcess> pods = new ArrayList<>();
            try {
                tenants.addAll(IdleTenants.tenants(setup.tenants(), genesys.baseUrl()).stream()
                        .map(t -> new TenantSetup(
                                t.name(),
                                t.genesysUrl(),
                                t.clientId(),
                                clients.get(t.clientId()),
                                t.name().equals(String.format("t%04d", BUDGETED)) ? setup.budgetPerMinute() : 60_000,
                                t.ingestToken(),
                                t.crmToken(),
                                t.activeDialTtl()))
                        .toList());
                genesys.faults().latency((method, path) -> method.equals("PUT") ? setup.putLatency() : Duration.ZERO);
                // Contact by contact (GET + PUT), as the probe's slowed PUTs and t0002's scripted 429 on a GET assume:
                // in the default apply mode, ten writes of one tenant would go as one bulk read and one upsert.
                List<String> jvmOptions = new ArrayList<>(List.of("-Xmx256m"));
                tenants.forEach(t -> jvmOptions.add("-Ddialgate.tenants." + t.name() + ".apply-mode=contact"));
                for (int i = 0; i < setup.instances(); i++) {
                    pods.add(DialgateProcess.launch(redis.uri(), tenants)
                            .appDir(appDir)
                            .jvmOptions(jvmOptions.toArray(String[]::new))
                            .environment(Map.of(
                                    "DIALGATE_DISPATCH_WORKERS", Integer.toString(setup.workers()),
                                    "DIALGATE_DISPATCH_CONCURRENCY_PER_TENANT", Integer.toString(setup.workers())))
                            .readyTimeout(Duration.ofMinutes(5))
                            .start());
                }
                return drive(setup, genesys, pods, tenants, timeout);
            } finally {
                pods.forEach(DialgateProcess::close);
                genesys.close();
            }
        }
    }

    private static Map<String, String> clientsOf(int count, Map<String, String> into) {
        for (TenantSetup t : IdleTenants.tenants(count, "http://unused")) {
            into.put(t.clientId(), t.clientSecret());
        }
        return into;
    }

    /** One write to be applied: the contact, and the value Genesys has once it is. */
    private record Write(String tenant, String contact, String value) {}

    private static Result drive(
            Setup setup,
            GenesysSimulator genesys,
            List<DialgateProcess> pods,
            List<TenantSetup> tenants,
            Duration timeout)
            throws Exception {
        List<Write> backlog = new ArrayList<>();
        List<Write> budgeted = new ArrayList<>();
        List<Write> paused = new ArrayList<>();
        List<Write> others = new ArrayList<>();
        for (int t = 0; t < tenants.size(); t++) {
            List<Write> into = t == 0 ? backlog : t == BUDGETED ? budgeted : t == PAUSED ? paused : others;
            int count = t == 0 ? setup.backlog() : t == BUDGETED ? setup.budgetWrites() : setup.writesPerTenant();
            for (int i = 0; i < count; i++) {
                String contact = tenants.get(t).name() + "-c" + i;
                genesys.contacts().put(LIST, contact, Map.of("tier", "silver"));
                into.add(new Write(tenants.get(t).name(), contact, "gold"));
            }
        }
        String pauseSeconds = Long.toString(setup.pause().toSeconds());
        genesys.faults()
                .nextGet(
                        paused.get(0).contact(),
                        ScriptedResponse.tooManyRequests((int) setup.pause().toSeconds())
                                .withHeader("inin-ratelimit-count", "300")
                                .withHeader("inin-ratelimit-allowed", "300")
                                .withHeader("inin-ratelimit-reset", pauseSeconds));
        long begin = System.nanoTime();
        int next = 0;
        for (int from = 0; from < backlog.size(); from += BATCH) {
            accept(
                    pods.get(next++ % pods.size()),
                    tenants.get(0),
                    backlog.subList(from, Math.min(backlog.size(), from + BATCH)));
        }
        long othersBegin = System.nanoTime();
        accept(pods.get(next++ % pods.size()), tenants.get(BUDGETED), budgeted);
        accept(pods.get(next++ % pods.size()), tenants.get(PAUSED), paused);
        Map<String, TenantSetup> byName =
                tenants.stream().collect(Collectors.toMap(TenantSetup::name, t -> t, (a, b) -> a, LinkedHashMap::new));
        for (int t = FIRST_OTHER; t < tenants.size(); t++) {
            int from = (t - FIRST_OTHER) * setup.writesPerTenant();
            accept(
                    pods.get(next++ % pods.size()),
                    tenants.get(t),
                    others.subList(from, from + setup.writesPerTenant()));
        }
        Map<String, Long> tenantDone = new HashMap<>();
        long othersDone = -1;
        int backlogAtOthersDone = -1;
        long budgetedDone = -1;
        long pausedDone = -1;
        long deadline = begin + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            int backlogApplied = applied(genesys, backlog);
            long now = System.nanoTime();
            if (othersDone < 0) {
                Map<String, Boolean> open = new HashMap<>();
                for (Write write : others) {
                    if (!isApplied(genesys, write)) {
                        open.put(write.tenant(), true);
                    }
                }
                byName.keySet().stream()
                        .skip(FIRST_OTHER)
                        .filter(t -> !open.containsKey(t))
                        .forEach(t -> tenantDone.putIfAbsent(t, now - othersBegin));
                if (open.isEmpty()) {
                    othersDone = now - othersBegin;
                    backlogAtOthersDone = backlogApplied;
                }
            }
            if (budgetedDone < 0 && applied(genesys, budgeted) == budgeted.size()) {
                budgetedDone = now - othersBegin;
            }
            if (pausedDone < 0 && applied(genesys, paused) == paused.size()) {
                pausedDone = now;
            }
            if (othersDone >= 0 && budgetedDone >= 0 && pausedDone >= 0 && backlogApplied == backlog.size()) {
                long backlogDone = System.nanoTime() - begin;
                List<Long> applies = new ArrayList<>();
                for (DialgateProcess pod : pods) {
                    applies.add((long) scrape(pod).sum("dialgate_applies_total"));
                }
                return new Result(
                        setup,
                        applies,
                        Duration.ofNanos(othersDone),
                        Duration.ofNanos(backlogDone),
                        backlogAtOthersDone,
                        Duration.ofNanos(tenantDone.values().stream()
                                .mapToLong(Long::longValue)
                                .max()
                                .orElse(0)),
                        budget(genesys, tenants.get(BUDGETED), setup, Duration.ofNanos(budgetedDone)),
                        pause(genesys, tenants.get(PAUSED), setup, pausedDone));
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("not all writes applied within " + timeout + ": backlog "
                + applied(genesys, backlog) + "/" + backlog.size() + ", others " + applied(genesys, others) + "/"
                + others.size() + ", budgeted " + applied(genesys, budgeted) + "/" + budgeted.size() + ", paused "
                + applied(genesys, paused) + "/" + paused.size());
    }

    private static Budget budget(GenesysSimulator genesys, TenantSetup tenant, Setup setup, Duration took) {
        int calls = genesys.requestLog()
                .requests(r -> tenant.clientId().equals(r.clientId()))
                .size();
        // RateBudget: an interval of 60 s / budget, a burst of a tenth of the budget.
        int allowed = setup.budgetPerMinute() / 6 + Math.max(1, setup.budgetPerMinute() / 10);
        return new Budget(
                calls, genesys.maxRequestsInAnyWindow(tenant.clientId(), Duration.ofSeconds(10)), allowed, took);
    }

    private static Pause pause(GenesysSimulator genesys, TenantSetup tenant, Setup setup, long doneNanos) {
        List<RecordedRequest> calls =
                genesys.requestLog().requests(r -> tenant.clientId().equals(r.clientId()));
        long refused = calls.stream()
                .filter(r -> r.status() == 429)
                .mapToLong(RecordedRequest::arrivalNanos)
                .min()
                .orElseThrow(() -> new IllegalStateException(tenant.name() + " never got its 429"));
        long from = refused + Duration.ofSeconds(1).toNanos();
        long until = refused + setup.pause().minusMillis(500).toNanos();
        int during = (int) calls.stream()
                .filter(r -> r.arrivalNanos() > from && r.arrivalNanos() < until)
                .count();
        return new Pause(during, Duration.ofNanos(doneNanos - refused));
    }

    /** The pod's metrics; a scrape can time out on a loaded machine, so it is tried again for up to a minute. */
    private static DialgateMetrics scrape(DialgateProcess pod) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofMinutes(1).toNanos();
        DialgateMetrics metrics = DialgateMetrics.scrape(pod.managementUrl());
        while (metrics.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(500);
            metrics = DialgateMetrics.scrape(pod.managementUrl());
        }
        if (metrics.isEmpty()) {
            throw new IllegalStateException("no metrics from " + pod.managementUrl() + " within a minute");
        }
        return metrics;
    }

    private static int applied(GenesysSimulator genesys, List<Write> writes) {
        int applied = 0;
        for (Write write : writes) {
            if (isApplied(genesys, write)) {
                applied++;
            }
        }
        return applied;
    }

    private static boolean isApplied(GenesysSimulator genesys, Write write) {
        return genesys.contacts()
                .get(LIST, write.contact())
                .map(c -> write.value().equals(c.data().get("tier")))
                .orElse(false);
    }

    /**
     * Sends the writes as one batch request, under one Idempotency-Key: a 503 (Redis too slow on a loaded machine; the
     * client is told to retry) is sent again, up to five times, and the key keeps a batch stored once.
     */
    private static void accept(DialgateProcess pod, TenantSetup tenant, List<Write> writes)
            throws IOException, InterruptedException {
        String items = writes.stream()
                .map(w -> "{\"contactId\":\"" + w.contact() + "\",\"data\":{\"tier\":\"" + w.value() + "\"}}")
                .collect(Collectors.joining(","));
        HttpRequest request = HttpRequest.newBuilder(URI.create(
                        pod.baseUrl() + "/v1/tenants/" + tenant.name() + "/contactlists/" + LIST + "/writes:batch"))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + tenant.crmToken())
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{\"writes\":[" + items + "]}"))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        for (int attempt = 1; response.statusCode() == 503 && attempt < 5; attempt++) {
            Thread.sleep(2_000L * attempt);
            response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        }
        if (response.statusCode() != 202 || response.body().contains("\"status\"")) {
            throw new IllegalStateException(
                    "writes to " + tenant.name() + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
