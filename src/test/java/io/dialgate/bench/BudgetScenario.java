package io.dialgate.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dialgate.demo.CampaignPlan;
import io.dialgate.demo.CrmWrite;
import io.dialgate.demo.DialgateWritePath;
import io.dialgate.demo.DiscardingEventSink;
import io.dialgate.demo.GenesysDirectClient;
import io.dialgate.demo.GenesysTally;
import io.dialgate.demo.NaiveWritePath;
import io.dialgate.demo.SimulatedCrm;
import io.dialgate.demo.WritePath;
import io.dialgate.simulator.CampaignRun;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.RecordedPut;
import io.dialgate.simulator.RecordedRequest;
import io.dialgate.simulator.ScriptedResponse;
import io.dialgate.simulator.SimulatorOptions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.IntSupplier;

/**
 * The budget-bound scenario: Genesys's default budget (300 requests a minute per OAuth client), a CRM writing distinct
 * contacts of one list at a steady rate while a campaign dials that list. Every path gets the same stream; dialgate
 * runs once per apply mode, and once more in bulk with a higher rate offered, to show its capacity. Each row has a
 * simulator (and, in the full run, a dialgate) of its own.
 */
final class BudgetScenario {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] STATUSES = {"contacted", "callback", "promise-to-pay", "paid", "review"};

    /**
     * @param writesPerMinute     the CRM's rate (distinct contacts) for every path
     * @param highWritesPerMinute the rate offered to dialgate in bulk mode in its extra row
     * @param traffic             how long the CRM sends; the rates are measured over it
     * @param drain               after the traffic, the most a path gets to finish its backlog before "lost" is counted
     */
    record Setup(
            int requestsPerMinute,
            double writesPerMinute,
            double highWritesPerMinute,
            Duration traffic,
            Duration drain,
            double dialsPerMinute,
            Duration naiveRetry,
            Duration pollInterval,
            long seed) {}

    /**
     * One row: writes applied per minute of traffic (carried to Genesys by a successful write before the traffic
     * ended), writes not yet applied when it ended, 429s and 409s Genesys answered, and writes lost — their value not in
     * Genesys after the drain although the path no longer holds them (gave up, failed, or overwritten).
     */
    record Row(
            String label,
            double offeredPerMinute,
            int sent,
            double appliedPerMinute,
            int backlog,
            long throttled,
            long conflicts,
            int lost,
            int stillHeld,
            long calls) {}

    /**
     * Issue 12's first target: Genesys calls per applied write when many contacts of a list are ready together. Genesys
     * answers dialgate's first call "budget spent" (429 with {@code inin-ratelimit-*} headers, reset in 5 s), which
     * pauses the tenant; meanwhile the CRM sends {@code writes} writes to distinct idle contacts (no dial on the list),
     * so all are ready when the pause ends — how a backlog forms after a 429, an open breaker or a restart. Every call
     * of the list and every token request is counted, the refused one included.
     *
     * @param replace  the writes carry the CRM's whole record in replace mode (no read before the upsert)
     * @param settled  every write was applied within the drain time
     */
    record ReadyTogether(boolean replace, int writes, GenesysTally tally, Duration took, boolean settled) {

        String mode() {
            return replace ? "replace" : "merge";
        }
    }

    /** A dialgate whose tenant applies in the given mode, on a simulator with the setup's budget. */
    interface Gates {
        Gate open(String applyMode, String rowName) throws Exception;
    }

    /** One dialgate lane; {@code close} stops what {@link Gates#open} started for it (nothing when shared). */
    record Gate(
            String baseUrl,
            String tenant,
            String ingestToken,
            String crmToken,
            GenesysSimulator genesys,
            AutoCloseable close) {}

    static final String LIST = "be7c4000-0000-4000-8000-0000000b0d9e";
    /** How long Genesys's "budget spent" answer pauses the tenant in the ready-together measurement. */
    private static final Duration PAUSE = Duration.ofSeconds(5);

    private final Setup setup;
    private final String clientId;
    private final String clientSecret;

    BudgetScenario(Setup setup, String clientId, String clientSecret) {
        this.setup = setup;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
    }

    List<Row> run(Gates gates) throws Exception {
        int contacts =
                (int) Math.ceil(setup.highWritesPerMinute() * setup.traffic().toMillis() / 60_000.0) + 1;
        List<Row> rows = new ArrayList<>();
        rows.add(direct("naive (PUT per write, 429 backoff, 3 retries on 409)", listFor(0), contacts, true));
        rows.add(direct("polling (GET until idle, then PUT)", listFor(1), contacts, false));
        rows.add(gate(gates, "contact", "dialgate, apply-mode contact", listFor(2), contacts, setup.writesPerMinute()));
        rows.add(gate(gates, "bulk", "dialgate, apply-mode bulk", listFor(3), contacts, setup.writesPerMinute()));
        rows.add(gate(
                gates,
                "bulk",
                String.format(
                        java.util.Locale.ROOT,
                        "dialgate, apply-mode bulk, %,.0f writes/min offered",
                        setup.highWritesPerMinute()),
                listFor(4),
                contacts,
                setup.highWritesPerMinute()));
        return rows;
    }

    /**
     * The ready-together measurement in merge and in replace mode (two more bulk rows of {@link Gates}), after
     * {@link #run}.
     */
    List<ReadyTogether> readyTogether(Gates gates, int writes) throws Exception {
        return List.of(readyTogether(gates, false, writes, listFor(5)), readyTogether(gates, true, writes, listFor(6)));
    }

    private ReadyTogether readyTogether(Gates gates, boolean replace, int writes, String list) throws Exception {
        CampaignPlan plan = plan(list, writes);
        List<CrmWrite> stream = stream(plan, writes, 0);
        Gate gate = gates.open("bulk", "dialgate, apply-mode bulk, " + writes + " writes ready together");
        try (AutoCloseable ignored = gate.close();
                DialgateWritePath path =
                        new DialgateWritePath(gate.baseUrl(), gate.tenant(), gate.crmToken(), replace)) {
            plan.seed(gate.genesys());
            // Genesys says the OAuth client's budget is spent (another integration took it) for PAUSE: dialgate pauses
            // the tenant on every pod, the CRM's writes pile up meanwhile, and are all ready when the pause ends.
            ScriptedResponse spent = ScriptedResponse.tooManyRequests((int) PAUSE.toSeconds())
                    .withHeader("inin-ratelimit-count", Integer.toString(setup.requestsPerMinute()))
                    .withHeader("inin-ratelimit-allowed", Integer.toString(setup.requestsPerMinute()))
                    .withHeader("inin-ratelimit-reset", Long.toString(PAUSE.toSeconds()));
            if (replace) {
                gate.genesys().faults().nextUpsert(spent);
            } else {
                gate.genesys().faults().nextBulkRead(spent);
            }
            Instant from = Instant.now();
            long start = System.nanoTime();
            long deadline = start + setup.drain().plus(PAUSE).toNanos();
            send(stream.subList(0, 1), path, gate);
            while (System.nanoTime() < deadline && !refused429(gate.genesys(), list)) {
                Thread.sleep(10);
            }
            send(stream.subList(1, stream.size()), path, gate);
            while (System.nanoTime() < deadline && path.allAccepted().size() + path.refused() < writes) {
                Thread.sleep(10);
            }
            while (System.nanoTime() < deadline && pending(gate) > 0) {
                Thread.sleep(100);
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            boolean settled = pending(gate) == 0;
            return new ReadyTogether(
                    replace, writes, GenesysTally.since(from, path.submitted(), gate.genesys(), list), took, settled);
        }
    }

    private static void send(List<CrmWrite> writes, WritePath path, Gate gate) throws InterruptedException {
        SimulatedCrm crm = SimulatedCrm.replay(writes, List.of(new SimulatedCrm.Lane(path, gate.genesys())));
        crm.start();
        crm.awaitReplayed(Duration.ofSeconds(30));
        crm.stop();
    }

    private static boolean refused429(GenesysSimulator genesys, String list) {
        return !genesys.requestLog()
                .requests(r -> list.equals(r.contactListId()) && r.status() == 429)
                .isEmpty();
    }

    private static String listFor(int row) {
        return LIST.substring(0, LIST.length() - 1) + row;
    }

    private Row direct(String label, String list, int contacts, boolean naive) throws Exception {
        CampaignPlan plan = plan(list, contacts);
        List<CrmWrite> stream = stream(plan, setup.writesPerMinute());
        try (GenesysSimulator genesys = GenesysSimulator.start(SimulatorOptions.builder()
                        .client(clientId, clientSecret)
                        .requestsPerMinute(setup.requestsPerMinute())
                        .build());
                DiscardingEventSink sink = new DiscardingEventSink()) {
            GenesysDirectClient client = new GenesysDirectClient(genesys.baseUrl(), clientId, clientSecret);
            WritePath path = naive
                    ? new NaiveWritePath(client, setup.naiveRetry())
                    : new PollingWritePath(
                            client,
                            genesys,
                            setup.pollInterval(),
                            setup.traffic().plus(setup.drain()));
            try (path) {
                genesys.dialer().setEventsSink(sink.url(), null);
                return measure(label, setup.writesPerMinute(), plan, stream, genesys, path, path::open);
            }
        }
    }

    private Row gate(Gates gates, String mode, String label, String list, int contacts, double perMinute)
            throws Exception {
        CampaignPlan plan = plan(list, contacts);
        List<CrmWrite> stream = stream(plan, perMinute);
        Gate gate = gates.open(mode, label);
        try (AutoCloseable ignored = gate.close();
                DialgateWritePath path = new DialgateWritePath(gate.baseUrl(), gate.tenant(), gate.crmToken())) {
            gate.genesys()
                    .dialer()
                    .setEventsSink(
                            URI.create(gate.baseUrl() + "/v1/tenants/" + gate.tenant() + "/events"),
                            gate.ingestToken());
            return measure(label, perMinute, plan, stream, gate.genesys(), path, () -> pending(gate));
        }
    }

    private Row measure(
            String label,
            double perMinute,
            CampaignPlan plan,
            List<CrmWrite> stream,
            GenesysSimulator genesys,
            WritePath path,
            IntSupplier stillHeld)
            throws InterruptedException {
        plan.seed(genesys);
        CampaignRun campaign = genesys.dialer().runCampaign(plan.settings());
        SimulatedCrm crm = SimulatedCrm.replay(stream, List.of(new SimulatedCrm.Lane(path, genesys)));
        Instant start = Instant.now();
        crm.start();
        Thread.sleep(setup.traffic().toMillis());
        Instant end = Instant.now();
        crm.stop();
        campaign.stop();
        List<CrmWrite.Sent> sent = path.submitted();
        int applied = appliedBy(sent, genesys.requestLog().puts(), plan.contactListId(), end);
        long deadline = System.nanoTime() + setup.drain().toNanos();
        while (System.nanoTime() < deadline && stillHeld.getAsInt() > 0) {
            Thread.sleep(200);
        }
        int held = stillHeld.getAsInt();
        GenesysTally tally = GenesysTally.of(sent, genesys, plan.contactListId());
        List<RecordedRequest> requests = genesys.requestLog()
                .requests(r -> plan.contactListId().equals(r.contactListId()) || r.contactListId() == null);
        double minutes = Duration.between(start, end).toMillis() / 60_000.0;
        return new Row(
                label,
                perMinute,
                sent.size(),
                applied / minutes,
                sent.size() - applied,
                requests.stream().filter(r -> r.status() == 429).count(),
                requests.stream().filter(r -> r.status() == 409).count(),
                Math.max(0, tally.lost() - held),
                held,
                requests.size());
    }

    /** Writes carried by a successful write of their contact that Genesys answered by {@code cutoff}. */
    static int appliedBy(List<CrmWrite.Sent> sent, List<RecordedPut> puts, String list, Instant cutoff) {
        Map<String, Long> newest = new HashMap<>();
        for (RecordedPut put : puts) {
            if (list.equals(put.contactListId())
                    && put.status() >= 200
                    && put.status() < 300
                    && !put.time().isAfter(cutoff)
                    && put.body() != null) {
                JsonNode note = put.body().path("data").path(CrmWrite.SEQ_COLUMN);
                long seq = note.isTextual() ? CrmWrite.seqOf(Map.of(CrmWrite.SEQ_COLUMN, note.asText())) : -1;
                newest.merge(put.contactId(), seq, Math::max);
            }
        }
        int applied = 0;
        for (CrmWrite.Sent s : sent) {
            if (newest.getOrDefault(s.write().contactId(), -1L) >= s.write().seq()) {
                applied++;
            }
        }
        return applied;
    }

    private CampaignPlan plan(String list, int contacts) {
        return CampaignPlan.standard(list, contacts, setup.seed()).withDialsPerMinute(setup.dialsPerMinute());
    }

    /** One write per contact, in a shuffled order of the list, evenly spaced at {@code perMinute}. */
    private List<CrmWrite> stream(CampaignPlan plan, double perMinute) {
        int count = (int) Math.floor(perMinute * setup.traffic().toMillis() / 60_000.0);
        return stream(plan, count, 60_000.0 / perMinute);
    }

    /** {@code count} writes to distinct contacts, in a shuffled order of the list, {@code spacingMillis} apart. */
    private List<CrmWrite> stream(CampaignPlan plan, int count, double spacingMillis) {
        List<String> ids = plan.contactIds();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            order.add(i);
        }
        Random random = new Random(setup.seed());
        Collections.shuffle(order, random);
        List<CrmWrite> writes = new ArrayList<>();
        for (int n = 0; n < Math.min(count, ids.size()); n++) {
            int index = order.get(n);
            Map<String, String> columns = new LinkedHashMap<>();
            columns.put(CrmWrite.SEQ_COLUMN, CrmWrite.seqValue(n + 1));
            columns.put("crm_status", STATUSES[random.nextInt(STATUSES.length)]);
            Map<String, String> record = new LinkedHashMap<>(CampaignPlan.initialData(index));
            record.putAll(columns);
            writes.add(new CrmWrite(
                    n + 1,
                    (long) (n * spacingMillis),
                    plan.contactListId(),
                    ids.get(index),
                    Map.copyOf(columns),
                    Map.copyOf(record)));
        }
        return writes;
    }

    /** Writes dialgate still holds for the tenant (queued, held, in flight), from its stats. */
    private static int pending(Gate gate) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(
                                            URI.create(gate.baseUrl() + "/v1/tenants/" + gate.tenant() + "/stats"))
                                    .header("Authorization", "Bearer " + gate.crmToken())
                                    .timeout(Duration.ofSeconds(10))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            JsonNode stats = JSON.readTree(response.body());
            return stats.path("queued").asInt()
                    + stats.path("held").asInt()
                    + stats.path("inFlight").asInt();
        } catch (Exception e) {
            throw new IllegalStateException("cannot read dialgate's stats for " + gate.tenant(), e);
        }
    }
}
