package io.dialgate.bench;

import io.dialgate.demo.CampaignPlan;
import io.dialgate.demo.CrmWrite;
import io.dialgate.demo.DialEndToApply;
import io.dialgate.demo.DialTimeline;
import io.dialgate.demo.DialgateWarmup;
import io.dialgate.demo.DialgateWritePath;
import io.dialgate.demo.DiscardingEventSink;
import io.dialgate.demo.GenesysDirectClient;
import io.dialgate.demo.GenesysTally;
import io.dialgate.demo.NaiveWritePath;
import io.dialgate.demo.SimulatedCrm;
import io.dialgate.demo.WriteGenerator;
import io.dialgate.demo.WritePath;
import io.dialgate.demo.WriteStatusPoller;
import io.dialgate.simulator.CampaignRun;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * The three write paths on one campaign and one write stream. dialgate runs first with a live CRM (aiming a share of
 * its writes at contacts in a dial right then); its stream is then replayed at the same offsets against a fresh
 * simulator running the same seeded campaign for the naive and the polling path, one after the other, so each path
 * has the machine to itself.
 */
final class WriteScenarios {

    /**
     * @param traffic      how long the CRM sends
     * @param drain        after the CRM stops and the dials in progress end: the most a path gets to finish its writes
     * @param naiveRetry   the naive path's first retry after a 409 (then doubled, three retries)
     * @param warmup       dialgate's warm-up on a scratch list before its run (a fresh JVM is slow for its first
     *                     seconds; the direct paths run later, in an already warm benchmark JVM)
     */
    record Setup(
            CampaignPlan plan,
            double writesPerSecond,
            double inDialShare,
            Duration traffic,
            Duration drain,
            Duration pollInterval,
            Duration naiveRetry,
            int requestsPerMinute,
            long seed,
            Duration warmup) {}

    /** The second copy of the campaign, for the replace-mode run. */
    static final String REPLACE_LIST = "be7c4000-0000-4000-8000-0000000e91ac";

    private final Setup setup;

    WriteScenarios(Setup setup) {
        this.setup = setup;
    }

    /** Result of the dialgate run, and the stream it sent, for the replays. */
    record GateRun(ScenarioResult result, List<CrmWrite> stream) {}

    GateRun gate(GateTarget target, Runnable everySecond) throws InterruptedException {
        GenesysSimulator genesys = target.genesys();
        if (!setup.warmup().isZero()) {
            DialgateWarmup.run(
                    genesys,
                    target.baseUrl(),
                    target.managementUrl(),
                    target.tenant(),
                    target.ingestToken(),
                    target.crmToken(),
                    setup.warmup());
        }
        setup.plan().seed(genesys);
        genesys.dialer().setEventsSink(URI.create(target.eventsUrl()), target.ingestToken());
        try (DialgateWritePath path = new DialgateWritePath(target.baseUrl(), target.tenant(), target.crmToken());
                WriteStatusPoller statuses =
                        new WriteStatusPoller(path, target.baseUrl(), target.tenant(), target.crmToken())) {
            CampaignRun campaign = genesys.dialer().runCampaign(setup.plan().settings());
            SimulatedCrm crm = SimulatedCrm.live(
                    new WriteGenerator(setup.plan(), genesys, setup.inDialShare(), setup.seed()),
                    setup.writesPerSecond(),
                    List.of(new SimulatedCrm.Lane(path, genesys)));
            crm.start();
            runFor(setup.traffic(), everySecond);
            crm.stop();
            campaign.stop();
            boolean settled = path.awaitSettled(setup.drain()) && statuses.awaitAllFinished(setup.drain());
            long failed = statuses.statuses().values().stream()
                    .filter(s -> s.state() == WriteStatusPoller.State.FAILED)
                    .count();
            ScenarioResult result =
                    result("dialgate, merge mode", path, genesys, (int) failed + path.refused(), settled);
            return new GateRun(result, crm.sent());
        }
    }

    /**
     * The recorded stream through dialgate again, in replace mode (each write carries the CRM's whole record), on a
     * second copy of the campaign in another contact list of dialgate's simulator.
     */
    ScenarioResult gateReplace(GateTarget target, List<CrmWrite> stream) throws InterruptedException {
        GenesysSimulator genesys = target.genesys();
        CampaignPlan plan = setup.plan().inList(REPLACE_LIST);
        plan.seed(genesys);
        genesys.dialer().setEventsSink(URI.create(target.eventsUrl()), target.ingestToken());
        try (DialgateWritePath path =
                        new DialgateWritePath(target.baseUrl(), target.tenant(), target.crmToken(), true);
                WriteStatusPoller statuses =
                        new WriteStatusPoller(path, target.baseUrl(), target.tenant(), target.crmToken())) {
            CampaignRun campaign = genesys.dialer().runCampaign(plan.settings());
            SimulatedCrm crm = SimulatedCrm.replay(
                    stream.stream().map(w -> w.inList(REPLACE_LIST)).toList(),
                    List.of(new SimulatedCrm.Lane(path, genesys)));
            crm.start();
            runFor(setup.traffic(), () -> {});
            crm.awaitReplayed(setup.drain());
            crm.stop();
            campaign.stop();
            boolean settled = path.awaitSettled(setup.drain()) && statuses.awaitAllFinished(setup.drain());
            long failed = statuses.statuses().values().stream()
                    .filter(s -> s.state() == WriteStatusPoller.State.FAILED)
                    .count();
            return result(
                    "dialgate, replace mode", path, genesys, (int) failed + path.refused(), settled, REPLACE_LIST);
        }
    }

    ScenarioResult naive(List<CrmWrite> stream, String clientId, String clientSecret) throws InterruptedException {
        try (GenesysSimulator genesys = freshSimulator(clientId, clientSecret);
                DiscardingEventSink sink = new DiscardingEventSink()) {
            NaiveWritePath path = new NaiveWritePath(
                    new GenesysDirectClient(genesys.baseUrl(), clientId, clientSecret), setup.naiveRetry());
            boolean settled = replay(stream, genesys, sink, path);
            ScenarioResult result =
                    result("naive (PUT, 429 backoff, 3 retries on 409)", path, genesys, path.givenUp(), settled);
            path.close();
            return result;
        }
    }

    ScenarioResult polling(List<CrmWrite> stream, String clientId, String clientSecret) throws InterruptedException {
        try (GenesysSimulator genesys = freshSimulator(clientId, clientSecret);
                DiscardingEventSink sink = new DiscardingEventSink()) {
            PollingWritePath path = new PollingWritePath(
                    new GenesysDirectClient(genesys.baseUrl(), clientId, clientSecret),
                    genesys,
                    setup.pollInterval(),
                    setup.traffic().plus(setup.drain()));
            boolean settled = replay(stream, genesys, sink, path);
            ScenarioResult result = result(
                    "polling (GET every " + seconds(setup.pollInterval()) + " until idle)",
                    path,
                    genesys,
                    path.givenUp(),
                    settled);
            path.close();
            return result;
        }
    }

    private boolean replay(List<CrmWrite> stream, GenesysSimulator genesys, DiscardingEventSink sink, WritePath path)
            throws InterruptedException {
        setup.plan().seed(genesys);
        genesys.dialer().setEventsSink(sink.url(), null);
        CampaignRun campaign = genesys.dialer().runCampaign(setup.plan().settings());
        SimulatedCrm crm = SimulatedCrm.replay(stream, List.of(new SimulatedCrm.Lane(path, genesys)));
        crm.start();
        runFor(setup.traffic(), () -> {});
        crm.awaitReplayed(setup.drain());
        crm.stop();
        campaign.stop();
        return path.awaitSettled(setup.drain());
    }

    private GenesysSimulator freshSimulator(String clientId, String clientSecret) {
        return GenesysSimulator.start(SimulatorOptions.builder()
                .client(clientId, clientSecret)
                .requestsPerMinute(setup.requestsPerMinute())
                .build());
    }

    private ScenarioResult result(
            String label, WritePath path, GenesysSimulator genesys, int givenUp, boolean settled) {
        return result(label, path, genesys, givenUp, settled, setup.plan().contactListId());
    }

    private ScenarioResult result(
            String label,
            WritePath path,
            GenesysSimulator genesys,
            int givenUp,
            boolean settled,
            String contactListId) {
        List<CrmWrite.Sent> sent = path.submitted();
        DialEndToApply.Result dialEnd = DialEndToApply.measure(
                sent,
                DialTimeline.of(genesys.dialer().deliveries()),
                genesys.requestLog().puts());
        GenesysTally tally = GenesysTally.of(sent, genesys, contactListId);
        long inDial = sent.stream().filter(CrmWrite.Sent::contactInDial).count();
        return new ScenarioResult(label, tally, dialEnd, path.acceptance(), inDial, givenUp, settled);
    }

    /** Sleeps for {@code duration}, calling {@code everySecond} once a second (e.g. to sample memory). */
    private static void runFor(Duration duration, Runnable everySecond) throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            everySecond.run();
        }
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
