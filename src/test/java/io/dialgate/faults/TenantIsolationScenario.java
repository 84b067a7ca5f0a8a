package io.dialgate.faults;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.testing.TestTenants;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Scenario 7: acme's tokens on globex's endpoints read and write nothing; globex's Genesys failing (slow and 503)
 * does not slow acme's applies (probe apply latency before and during the outage).
 */
final class TenantIsolationScenario implements FaultScenario {

    private static final int PROBES = 3;
    private static final Duration PROBE_LIMIT = Duration.ofSeconds(30);

    @Override
    public String name() {
        return "7 tenant isolation";
    }

    @Override
    public FaultRig.Options options() {
        return FaultRig.Options.standard().withSecondTenant();
    }

    @Override
    public Injection inject(FaultRig rig) throws Exception {
        List<String> problems = new ArrayList<>();
        String base = rig.liveInstance().baseUrl() + "/v1/tenants/" + FaultRig.OTHER_TENANT;
        GenesysSimulator globex = rig.otherGenesys().orElseThrow();
        String list = TestTenants.newListId();
        String contact = TestTenants.newContactId();
        globex.contacts().put(list, contact, Map.of("tier", "silver"));
        WriteStatuses globexApi = new WriteStatuses(FaultRig.OTHER_TENANT, TestTenants.GLOBEX_CRM_TOKEN);
        String globexWrite = globexApi
                .write(rig.liveInstance().baseUrl(), list, contact, "{\"tier\":\"gold\"}")
                .orElse("missing");
        RawHttp http = new RawHttp();
        String[][] requests = {
            {"PATCH", base + "/contactlists/" + list + "/contacts/" + contact, "{\"data\":{\"tier\":\"acme\"}}"},
            {"GET", base + "/writes/" + globexWrite, null},
            {"GET", base + "/contactlists/" + list + "/contacts/" + contact + "/dial-state", null},
            {"POST", base + "/events", "[]"},
            {"GET", base + "/dead-letters", null},
            {"POST", base + "/dead-letters/" + globexWrite + ":retry", null},
            {"GET", base + "/stats", null},
            {"GET", base + "/callbacks/dead-letters", null},
            {"POST", base + "/callbacks/dead-letters/" + globexWrite + ":retry", null},
            {"POST", base + "/contactlists/" + list + "/writes:batch", "{\"items\":[]}"}
        };
        for (String token : List.of(TestTenants.ACME_CRM_TOKEN, TestTenants.ACME_INGEST_TOKEN)) {
            for (String[] r : requests) {
                RawHttp.Answer answer = http.send(r[0], r[1], token, "application/json", r[2]);
                if (answer.status() / 100 == 2 || answer.status() >= 500) {
                    problems.add("acme's token got " + answer.status() + " on globex's " + r[0] + " "
                            + r[1].replaceAll(".*/v1/tenants/globex", ""));
                }
            }
        }
        List<Duration> before = probes(rig);
        globex.faults().latency(Duration.ofSeconds(9));
        for (int i = 0; i < 200; i++) {
            globex.faults().nextPut(io.dialgate.simulator.ScriptedResponse.genesysError(503, "down", "outage"));
        }
        for (int i = 0; i < 5; i++) {
            String c = TestTenants.newContactId();
            globex.contacts().put(list, c, Map.of("tier", "silver"));
            globexApi.write(rig.liveInstance().baseUrl(), list, c, "{\"tier\":\"gold\"}");
        }
        long outageStart = System.nanoTime();
        Thread.sleep(rig.scale().outage().toMillis() / 4);
        List<Duration> during = probes(rig);
        long rest = rig.scale().outage().toNanos() - (System.nanoTime() - outageStart);
        if (rest > 0) {
            Thread.sleep(rest / 1_000_000);
        }
        globex.faults().clear();
        if (before.contains(PROBE_LIMIT) || during.contains(PROBE_LIMIT)) {
            // a probe cut at the limit measures nothing: 30 s before and 30 s during would look like isolation
            problems.add("acme's apply latency not measured: a probe write was not APPLIED within "
                    + PROBE_LIMIT.toSeconds() + " s");
        } else if (median(during).toMillis() > 2 * median(before).toMillis() + 1_000) {
            problems.add(String.format(
                    "acme's apply took %s during globex's outage, %s before", describe(during), describe(before)));
        }
        return Injection.of(
                String.format(
                        "acme tokens on %d globex requests; globex Genesys slow+503 %d s; acme "
                                + "probe apply %s before, %s during",
                        requests.length * 2, rig.scale().outage().toSeconds(), describe(before), describe(during)),
                problems);
    }

    /** Apply latency of acme, a few probes one after the other (a single one is noise on a loaded machine). */
    private static List<Duration> probes(FaultRig rig) throws InterruptedException {
        List<Duration> probes = new ArrayList<>();
        for (int i = 0; i < PROBES; i++) {
            probes.add(Recovery.measure(rig, PROBE_LIMIT).orElse(PROBE_LIMIT));
        }
        return probes;
    }

    private static Duration median(List<Duration> probes) {
        return probes.stream().sorted().toList().get(probes.size() / 2);
    }

    private static String describe(List<Duration> probes) {
        return String.format(
                "median %.2f s (max %.2f s)",
                median(probes).toMillis() / 1000.0,
                probes.stream().max(Duration::compareTo).orElseThrow().toMillis() / 1000.0);
    }
}
