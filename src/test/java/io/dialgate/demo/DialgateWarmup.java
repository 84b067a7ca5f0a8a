package io.dialgate.demo;

import io.dialgate.simulator.CampaignRun;
import io.dialgate.simulator.DurationRange;
import io.dialgate.simulator.GenesysSimulator;

import java.net.URI;
import java.time.Duration;
import java.util.List;

/**
 * A few seconds of the same kind of traffic on a scratch contact list before anything is measured: events, writes,
 * status reads and applies, so that what is measured is a warm JVM (as a service is after its first minute) and not
 * its JIT compiler. The scratch list's calls stay out of every tally, which filter by contact list.
 */
public final class DialgateWarmup {

    public static final String SCRATCH_LIST = "3a7e0000-0000-4000-8000-0000000a7e00";

    private DialgateWarmup() {}

    public static void run(
            GenesysSimulator genesys,
            String dialgateUrl,
            String managementUrl,
            String tenant,
            String ingestToken,
            String crmToken,
            Duration duration)
            throws InterruptedException {
        CampaignPlan plan = CampaignPlan.standard(SCRATCH_LIST, 2000, 99)
                .withDurations(
                        DurationRange.ofMillis(200, 800),
                        DurationRange.ofMillis(300, 1500),
                        DurationRange.ofMillis(200, 800));
        plan.seed(genesys);
        genesys.dialer().setEventsSink(URI.create(dialgateUrl + "/v1/tenants/" + tenant + "/events"), ingestToken);
        try (DialgateWritePath path = new DialgateWritePath(dialgateUrl, tenant, crmToken);
                WriteStatusPoller statuses = new WriteStatusPoller(path, dialgateUrl, tenant, crmToken)) {
            CampaignRun campaign = genesys.dialer().runCampaign(plan.settings());
            SimulatedCrm crm = SimulatedCrm.live(
                    new WriteGenerator(plan, genesys, 0.5, 99), 40, List.of(new SimulatedCrm.Lane(path, genesys)));
            crm.start();
            long end = System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end) {
                Thread.sleep(Math.min(500, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
                statuses.pollRound(100);
                DialgateMetrics.scrape(managementUrl);
            }
            crm.stop();
            campaign.stop();
            path.awaitSettled(Duration.ofSeconds(5));
            statuses.awaitAllFinished(Duration.ofSeconds(5));
        }
    }
}
