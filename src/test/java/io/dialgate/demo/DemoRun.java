package io.dialgate.demo;

import io.dialgate.simulator.CampaignRun;
import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.simulator.SimulatorOptions;
import io.dialgate.testing.DialgateProcess;
import io.dialgate.testing.RedisProcess;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One demo run and everything it started, in start order, so that both the normal end and a Ctrl-C stop them the
 * same way: CRM, campaigns, dialgate, simulators, Redis.
 */
final class DemoRun {

    static final String TENANT = "demo";
    // demo values, never printed: the simulator and dialgate only need both sides to agree
    private static final String CLIENT_ID = "dialgate-demo";
    private static final String CLIENT_SECRET = "demo-client-secret";
    private static final String INGEST_TOKEN = "demo-ingest-token";
    private static final String CRM_TOKEN = "demo-crm-token";
    private static final String LIST = "d3e0c0de-0000-4000-8000-000000000001";
    /** A fresh JVM is slow for its first seconds (JIT); the demo shows dialgate as it runs, not as it boots. */
    private static final Duration WARMUP = Duration.ofSeconds(4);

    private final DemoSettings settings;
    private final PrintStream out;
    private final ProgressLine progress;
    private final AtomicBoolean reported = new AtomicBoolean();
    private final long startNanos = System.nanoTime();
    private volatile boolean finished;
    private volatile long trafficStartNanos;
    private volatile DialgateMetrics lastMetrics = DialgateMetrics.empty();

    private RedisProcess redis;
    private GenesysSimulator gateGenesys;
    private GenesysSimulator directGenesys;
    private DiscardingEventSink discard;
    private DialgateProcess dialgate;
    private CampaignRun gateCampaign;
    private CampaignRun directCampaign;
    private SimulatedCrm crm;
    private DialgateWritePath gatePath;
    private NaiveWritePath directPath;
    private WriteStatusPoller poller;
    private CampaignPlan plan;

    DemoRun(DemoSettings settings, PrintStream out) {
        this.settings = settings;
        this.out = out;
        this.progress = ProgressLine.forStdout();
    }

    void execute() throws InterruptedException {
        startEverything();
        long trafficEnd =
                trafficStartNanos + Duration.ofSeconds(settings.seconds()).toNanos();
        // warm-up events are not the demo's: count from here
        double lastEvents = DialgateMetrics.scrape(dialgate.managementUrl()).sum("dialgate_events_total");
        while (System.nanoTime() < trafficEnd) {
            Thread.sleep(1000);
            lastMetrics = DialgateMetrics.scrape(dialgate.managementUrl());
            double events = lastMetrics.sum("dialgate_events_total");
            poller.pollRound(300);
            progress.show(figures(events - lastEvents));
            lastEvents = events;
        }
        crm.stop();
        progress.finish();
        out.println("CRM stopped; ending the dials in progress and letting dialgate apply what it holds ...");
        gateCampaign.stop();
        directCampaign.stop();
        gatePath.awaitSettled(Duration.ofSeconds(5));
        poller.awaitAllFinished(Duration.ofSeconds(10));
        directPath.awaitSettled(Duration.ofSeconds(8));
        lastMetrics = DialgateMetrics.scrape(dialgate.managementUrl());
        report(false);
        stopEverything();
        finished = true;
    }

    /** The shutdown hook: on Ctrl-C, the report so far, then everything stopped. After a normal end, nothing. */
    void abort() {
        if (finished) {
            return;
        }
        if (crm != null) {
            crm.stop();
        }
        progress.finish();
        report(true);
        stopEverything();
    }

    private void startEverything() throws InterruptedException {
        out.printf(
                "dialgate demo: %d s of CRM traffic on a %,d-contact predictive campaign (Ctrl-C stops it with "
                        + "the report so far)%n",
                settings.seconds(), settings.contacts());
        redis = RedisProcess.start();
        SimulatorOptions options = SimulatorOptions.builder()
                .client(CLIENT_ID, CLIENT_SECRET)
                .requestsPerMinute(settings.requestsPerMinute())
                .build();
        gateGenesys = GenesysSimulator.start(options);
        directGenesys = GenesysSimulator.start(options);
        plan = CampaignPlan.standard(LIST, settings.contacts(), settings.seed())
                .withDialsPerMinute(settings.dialsPerMinute());
        plan.seed(gateGenesys);
        plan.seed(directGenesys);
        dialgate = DialgateProcess.launch(
                        redis.uri(),
                        new DialgateProcess.TenantSetup(
                                TENANT,
                                gateGenesys.baseUrl(),
                                CLIENT_ID,
                                CLIENT_SECRET,
                                settings.requestsPerMinute(),
                                INGEST_TOKEN,
                                CRM_TOKEN,
                                Duration.ofMinutes(10)))
                .appDir(settings.appDir())
                .log(settings.workDir().resolve("dialgate.log"))
                .start();
        out.printf(
                "redis-server on %s; dialgate (production jar, pid %d) ready in %.1f s on %s, log in %s%n",
                redis.uri(),
                dialgate.pid(),
                dialgate.startup().toMillis() / 1000.0,
                dialgate.baseUrl(),
                settings.workDir().resolve("dialgate.log"));
        out.printf(
                "two Genesys simulators (%,d requests/min per client): one behind dialgate, one written to "
                        + "directly; the same campaign runs on both%n",
                settings.requestsPerMinute());
        out.printf("warming dialgate up for %d s on a scratch list ...%n", WARMUP.toSeconds());
        DialgateWarmup.run(
                gateGenesys, dialgate.baseUrl(), dialgate.managementUrl(), TENANT, INGEST_TOKEN, CRM_TOKEN, WARMUP);
        gateGenesys
                .dialer()
                .setEventsSink(
                        java.net.URI.create(dialgate.baseUrl() + "/v1/tenants/" + TENANT + "/events"), INGEST_TOKEN);
        discard = new DiscardingEventSink();
        directGenesys.dialer().setEventsSink(discard.url(), null);

        gatePath = new DialgateWritePath(dialgate.baseUrl(), TENANT, CRM_TOKEN);
        directPath = new NaiveWritePath(new GenesysDirectClient(directGenesys.baseUrl(), CLIENT_ID, CLIENT_SECRET));
        poller = new WriteStatusPoller(gatePath, dialgate.baseUrl(), TENANT, CRM_TOKEN);
        WriteGenerator writes = new WriteGenerator(plan, gateGenesys, settings.inDialShare(), settings.seed());
        crm = SimulatedCrm.live(
                writes,
                settings.writesPerSecond(),
                List.of(
                        new SimulatedCrm.Lane(gatePath, gateGenesys),
                        new SimulatedCrm.Lane(directPath, directGenesys)));
        out.printf(
                "CRM: %.0f writes/s, %.0f%% aimed at contacts in a dial%n%n",
                settings.writesPerSecond(), settings.inDialShare() * 100);
        gateCampaign = gateGenesys.dialer().runCampaign(plan.settings());
        directCampaign = directGenesys.dialer().runCampaign(plan.settings());
        trafficStartNanos = System.nanoTime();
        crm.start();
    }

    private ProgressLine.Figures figures(double eventsLastSecond) {
        Map<WriteStatusPoller.State, Integer> states = poller.counts();
        DialEndToApply.Result latency = DialEndToApply.measure(
                gatePath.submitted(),
                DialTimeline.of(gateGenesys.dialer().deliveries()),
                gateGenesys.requestLog().puts());
        return new ProgressLine.Figures(
                elapsedSeconds(),
                eventsLastSecond,
                gatePath.allAccepted().size(),
                states.getOrDefault(WriteStatusPoller.State.HELD, 0),
                states.getOrDefault(WriteStatusPoller.State.APPLIED, 0),
                conflicts(gateGenesys),
                conflicts(directGenesys),
                latency.latency());
    }

    private static long conflicts(GenesysSimulator genesys) {
        return genesys.requestLog()
                .requests(r -> r.status() == 409 && LIST.equals(r.contactListId()))
                .size();
    }

    private long elapsedSeconds() {
        long from = trafficStartNanos == 0 ? startNanos : trafficStartNanos;
        return (System.nanoTime() - from) / 1_000_000_000L;
    }

    private void report(boolean interrupted) {
        if (gatePath == null || !reported.compareAndSet(false, true)) {
            if (gatePath == null && interrupted) {
                out.println("\nStopped before the campaign started; nothing to report.");
            }
            return;
        }
        out.println(DemoReport.render(new DemoReport.Sources(
                plan,
                Math.min(elapsedSeconds(), settings.seconds()),
                interrupted,
                gatePath,
                poller,
                gateGenesys,
                directPath,
                directGenesys,
                lastMetrics)));
        out.flush();
    }

    private synchronized void stopEverything() {
        if (crm != null) {
            crm.stop();
        }
        // close() drops the dials in progress without events: dialgate may already be gone on Ctrl-C
        for (AutoCloseable c :
                new AutoCloseable[] {poller, gatePath, directPath, gateGenesys, directGenesys, discard}) {
            closeQuietly(c);
        }
        if (dialgate != null) {
            dialgate.stop();
        }
        if (redis != null) {
            redis.close();
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // stopping anyway
        }
    }
}
