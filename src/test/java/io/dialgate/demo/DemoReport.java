package io.dialgate.demo;

import io.dialgate.simulator.GenesysSimulator;

import java.util.List;
import java.util.Map;

/**
 * The demo's closing report: what dialgate held and why, how soon after each dial it applied the writes, and what the
 * same writes did when sent straight to Genesys. Built only from what the demo already has in hand (its own records,
 * the simulators' logs, the last status poll and metrics scrape), so it can be printed on Ctrl-C while dialgate is
 * already going down.
 */
public final class DemoReport {

    /** Everything the report reads, as the demo holds it. */
    public record Sources(
            CampaignPlan plan,
            long elapsedSeconds,
            boolean interrupted,
            DialgateWritePath gate,
            WriteStatusPoller gateStatuses,
            GenesysSimulator gateGenesys,
            NaiveWritePath direct,
            GenesysSimulator directGenesys,
            DialgateMetrics metrics) {}

    private DemoReport() {}

    public static String render(Sources s) {
        StringBuilder out = new StringBuilder();
        List<CrmWrite.Sent> sent = s.gate().submitted();
        DialTimeline dials = DialTimeline.of(s.gateGenesys().dialer().deliveries());
        DialEndToApply.Result gateLatency =
                DialEndToApply.measure(sent, dials, s.gateGenesys().requestLog().puts());
        DialTimeline directDials = DialTimeline.of(s.directGenesys().dialer().deliveries());
        DialEndToApply.Result directLatency = DialEndToApply.measure(
                s.direct().submitted(),
                directDials,
                s.directGenesys().requestLog().puts());
        String list = s.plan().contactListId();
        GenesysTally gateTally = GenesysTally.of(sent, s.gateGenesys(), list);
        GenesysTally directTally = GenesysTally.of(s.direct().submitted(), s.directGenesys(), list);

        out.append("\n=== dialgate demo report: ")
                .append(s.elapsedSeconds())
                .append(" s of traffic")
                .append(s.interrupted() ? ", stopped early by Ctrl-C (report so far)" : "")
                .append(" ===\n");
        long inDial = sent.stream().filter(CrmWrite.Sent::contactInDial).count();
        out.append(String.format(
                "Campaign  %,d dials on %,d contacts (predictive, %,.0f dials/min), %,d ended; "
                        + "dialgate ingested %,.0f events in all, warm-up included (%,.0f rejected)%n",
                dials.dials(),
                s.plan().contacts(),
                s.plan().dialsPerMinute(),
                dials.endedDials(),
                s.metrics().sum("dialgate_events_total"),
                s.metrics().sum("dialgate_events_total", "outcome", "rejected")));
        out.append(String.format(
                "CRM       %,d writes, %,d of them (%.0f%%) to a contact the dialer had in a dial%n",
                sent.size(), inDial, sent.isEmpty() ? 0.0 : 100.0 * inDial / sent.size()));

        out.append("\nWhat dialgate held, and why\n");
        appendHeld(out, s, sent, dials, gateTally.conflicts());
        out.append(String.format(
                "  dials ended, as dialgate saw them: by postContact %,.0f, by active-dial TTL %,.0f, "
                        + "by post-call grace %,.0f%n",
                s.metrics().sum("dialgate_dial_releases_total", "path", "post_contact"),
                s.metrics().sum("dialgate_dial_releases_total", "path", "active_dial_ttl"),
                s.metrics().sum("dialgate_dial_releases_total", "path", "post_call_grace")));

        out.append("\nHow fast held writes reached Genesys after their dial ended (postContact -> PUT received)\n");
        out.append(String.format(
                "  %,d writes in %,d PUTs: p50 %s, p90 %s, p99 %s, max %s%n",
                gateLatency.applied(),
                gateLatency.puts(),
                gateLatency.latency().format(50),
                gateLatency.latency().format(90),
                gateLatency.latency().format(99),
                gateLatency.latency().count() == 0
                        ? "–"
                        : LatencyRecorder.millis(gateLatency.latency().max())));
        out.append(String.format(
                "  %,d still waiting for a dial in progress, %,d not applied after their dial%n",
                gateLatency.waitingForDial(), gateLatency.notApplied()));
        Map<WriteStatusPoller.State, Integer> states = s.gateStatuses().counts();
        out.append("  write states at the end: ")
                .append(states.isEmpty() ? "none" : states.toString())
                .append('\n');
        out.append(String.format(
                "  Genesys calls: %,d GET + %,d PUT + %,d token = %.2f per applied write; "
                        + "CRM got its 202 in p50 %s, p99 %s%n",
                gateTally.gets(),
                gateTally.puts(),
                gateTally.tokens(),
                gateTally.callsPerAppliedWrite(),
                s.gate().acceptance().format(50),
                s.gate().acceptance().format(99)));

        out.append("\nThe same writes sent straight to Genesys (naive PUT, waits out 429s, retries a 409 3 times)\n");
        out.append(String.format(
                "  409s: %,d direct vs %,d through dialgate (%.0f vs %.1f per 1,000 writes)%n",
                directTally.conflicts(),
                gateTally.conflicts(),
                directTally.conflictsPerThousand(),
                gateTally.conflictsPerThousand()));
        // stopped early, a write still held by a dial in progress is not in Genesys yet, which is not a loss
        out.append(String.format(
                "  writes given up after retries: %,d; final values wrong in Genesys (lost or "
                        + "overwritten): %,d direct vs %,d through dialgate%s%n",
                s.direct().givenUp(),
                directTally.lost(),
                gateTally.lost(),
                s.interrupted() ? " (stopped early: dialgate's are still held or in flight, not lost)" : ""));
        out.append(String.format(
                "  after a dial, direct writes landed p50 %s, p99 %s later (their retry timer "
                        + "decides, not the dial end); the CRM waited p50 %s, p99 %s per write%n",
                directLatency.latency().format(50),
                directLatency.latency().format(99),
                s.direct().acceptance().format(50),
                s.direct().acceptance().format(99)));
        return out.toString();
    }

    private static void appendHeld(
            StringBuilder out, Sources s, List<CrmWrite.Sent> sent, DialTimeline dials, long conflicts) {
        int heldOnArrival = 0;
        int inCall = 0;
        int inWrapup = 0;
        for (CrmWrite.Sent w : sent) {
            DialgateWritePath.Accepted accepted = s.gate().accepted(w.write().seq());
            if (accepted == null || !"HELD".equals(accepted.state())) {
                continue;
            }
            heldOnArrival++;
            var dial = dials.dialAt(w.write().contactId(), w.at());
            if (dial.isPresent()
                    && dial.get().customerEnd() != null
                    && !w.at().isBefore(dial.get().customerEnd())) {
                inWrapup++;
            } else {
                inCall++;
            }
        }
        out.append(String.format(
                "  %,6d held on arrival: the contact was in an active dial (ringing or talking %,d, "
                        + "in wrap-up %,d)%n",
                heldOnArrival, inCall, inWrapup));
        // counted on the Genesys side: a write's status may no longer show the 409 once it is applied
        out.append(String.format(
                "  %,6d times a contact's writes were held again after Genesys answered 409: the dial "
                        + "began while they were on their way (dialgate holds them, never fails them)%n",
                conflicts));
    }
}
