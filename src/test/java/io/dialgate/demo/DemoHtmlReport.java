package io.dialgate.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo's report as a page to look at (next to the text report): the campaign second by second, how soon after
 * each dial ended its writes reached Genesys, and dialgate against the same writes sent straight to Genesys. A
 * self-contained {@link HtmlPage}; {@code docs/render-demo-report.sh} renders it to {@code docs/demo-report.png}.
 */
public final class DemoHtmlReport {

    /** The bounds (upper, exclusive) of the dial end → PUT buckets; the last bucket is open. */
    static final List<Duration> BUCKETS = List.of(
            Duration.ofMillis(10),
            Duration.ofMillis(25),
            Duration.ofMillis(50),
            Duration.ofMillis(100),
            Duration.ofMillis(250),
            Duration.ofMillis(500),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5));

    /** One write path's outcome, for the side-by-side section. */
    public record Side(
            int writes, long conflicts, long wrongFinalValues, int givenUp, Duration crmWaitP50, Duration crmWaitP99) {}

    /** What the page shows, worked out from the run ({@link #of}). */
    public record Data(
            long seconds,
            boolean interrupted,
            int contacts,
            double dialsPerMinute,
            int dials,
            int writes,
            int writesInDial,
            int heldOnArrival,
            CampaignTimeline timeline,
            List<Duration> dialEndToPut,
            Side gate,
            Side direct) {}

    private DemoHtmlReport() {}

    public static Data of(DemoReport.Sources s) {
        List<CrmWrite.Sent> sent = s.gate().submitted();
        DialTimeline dials = DialTimeline.of(s.gateGenesys().dialer().deliveries());
        DialEndToApply.Result latency =
                DialEndToApply.measure(sent, dials, s.gateGenesys().requestLog().puts());
        String list = s.plan().contactListId();
        GenesysTally gateTally = GenesysTally.of(sent, s.gateGenesys(), list);
        GenesysTally directTally = GenesysTally.of(s.direct().submitted(), s.directGenesys(), list);
        CampaignTimeline timeline = CampaignTimeline.of(
                sent,
                seq -> {
                    DialgateWritePath.Accepted accepted = s.gate().accepted(seq);
                    return accepted == null ? null : accepted.state();
                },
                dials,
                s.gateGenesys().requestLog().puts());
        int held = (int) s.gate().allAccepted().values().stream()
                .filter(a -> "HELD".equals(a.state()))
                .count();
        return new Data(
                s.elapsedSeconds(),
                s.interrupted(),
                s.plan().contacts(),
                s.plan().dialsPerMinute(),
                dials.dials(),
                sent.size(),
                (int) sent.stream().filter(CrmWrite.Sent::contactInDial).count(),
                held,
                timeline,
                latency.samples(),
                new Side(
                        sent.size(),
                        gateTally.conflicts(),
                        gateTally.lost(),
                        0,
                        s.gate().acceptance().percentile(50),
                        s.gate().acceptance().percentile(99)),
                new Side(
                        s.direct().submitted().size(),
                        directTally.conflicts(),
                        directTally.lost(),
                        s.direct().givenUp(),
                        s.direct().acceptance().percentile(50),
                        s.direct().acceptance().percentile(99)));
    }

    public static String render(Data d) {
        HtmlPage page = new HtmlPage("dialgate demo report");
        page.note(String.format(
                Locale.ROOT,
                "%d s of CRM traffic on a %,d-contact predictive campaign (%,.0f dials/min), the same writes sent"
                        + " through dialgate and straight to a second Genesys simulator%s.",
                d.seconds(),
                d.contacts(),
                d.dialsPerMinute(),
                d.interrupted() ? "; stopped early by Ctrl-C, so this is the report so far" : ""));
        LatencyRecorder putLatency = new LatencyRecorder();
        d.dialEndToPut().forEach(putLatency::record);
        page.figures(List.of(
                new HtmlPage.Figure(String.format("%,d", d.dials()), "dials"),
                new HtmlPage.Figure(
                        String.format("%,d", d.writes()),
                        String.format("CRM writes, %,d to a contact in a dial", d.writesInDial())),
                new HtmlPage.Figure(String.format("%,d", d.heldOnArrival()), "held by dialgate on arrival"),
                new HtmlPage.Figure(
                        putLatency.count() == 0 ? "–" : LatencyRecorder.millis(putLatency.percentile(99)),
                        "dial end → PUT, p99"),
                new HtmlPage.Figure(
                        String.format(
                                "%,d vs %,d", d.gate().conflicts(), d.direct().conflicts()),
                        "409s: dialgate vs direct"),
                new HtmlPage.Figure(
                        String.format(
                                "%,d vs %,d",
                                d.gate().wrongFinalValues(), d.direct().wrongFinalValues()),
                        "wrong final values: dialgate vs direct")));

        timeline(page, d.timeline());
        distribution(page, d.dialEndToPut(), putLatency);
        sideBySide(page, d.gate(), d.direct());
        return page.render();
    }

    private static void timeline(HtmlPage page, CampaignTimeline timeline) {
        page.section("timeline", "The campaign, second by second");
        page.note("Dials in progress and writes dialgate holds are sampled at the end of each second; writes applied"
                + " count the writes that reached Genesys (a successful PUT carrying them) during that second.");
        List<CampaignTimeline.Second> seconds = timeline.seconds();
        List<SvgChart.Series> series = List.of(
                new SvgChart.Series(
                        "dials in progress",
                        "var(--dials)",
                        seconds.stream()
                                .map(CampaignTimeline.Second::dialsInProgress)
                                .toList()),
                new SvgChart.Series(
                        "writes held",
                        "var(--held)",
                        seconds.stream()
                                .map(CampaignTimeline.Second::writesHeld)
                                .toList()),
                new SvgChart.Series(
                        "writes applied per second",
                        "var(--applied)",
                        seconds.stream()
                                .map(CampaignTimeline.Second::writesApplied)
                                .toList()));
        page.svg(SvgChart.perSecond("timeline-dials", "Dials in progress", series.get(0), false, 1100, false));
        page.svg(SvgChart.perSecond("timeline-held", "Writes held by dialgate", series.get(1), false, 1100, false));
        page.svg(SvgChart.perSecond(
                "timeline-applied", "Writes applied in Genesys per second", series.get(2), true, 1100, true));
        page.note(String.format(
                Locale.ROOT,
                "%,d s; peak %,d dials in progress and %,d writes held; %,d writes applied in all.",
                seconds.size(),
                seconds.stream()
                        .mapToInt(CampaignTimeline.Second::dialsInProgress)
                        .max()
                        .orElse(0),
                seconds.stream()
                        .mapToInt(CampaignTimeline.Second::writesHeld)
                        .max()
                        .orElse(0),
                timeline.appliedWrites()));
    }

    private static void distribution(HtmlPage page, List<Duration> samples, LatencyRecorder latency) {
        page.section("dial-end-to-put", "From the end of a dial to the PUT of the writes it held");
        page.note("For every write that a dial blocked: from the dial's postContact to the first successful PUT of the"
                + " contact carrying it, both as the Genesys simulator saw them.");
        page.svg(SvgChart.bars("distribution", "Writes by dial end → PUT", buckets(samples), "var(--gate)", 1100));
        page.note(String.format(
                Locale.ROOT,
                "%,d writes: p50 %s, p90 %s, p99 %s, max %s.",
                samples.size(),
                latency.format(50),
                latency.format(90),
                latency.format(99),
                latency.count() == 0 ? "–" : LatencyRecorder.millis(latency.max())));
    }

    static List<SvgChart.Bar> buckets(List<Duration> samples) {
        List<SvgChart.Bar> bars = new ArrayList<>();
        Duration low = Duration.ZERO;
        for (Duration high : BUCKETS) {
            Duration from = low;
            long n = samples.stream()
                    .filter(d -> d.compareTo(from) >= 0 && d.compareTo(high) < 0)
                    .count();
            bars.add(new SvgChart.Bar(low.isZero() ? "< " + label(high) : label(low) + "–" + label(high), n));
            low = high;
        }
        Duration last = low;
        bars.add(new SvgChart.Bar(
                "≥ " + label(last),
                samples.stream().filter(d -> d.compareTo(last) >= 0).count()));
        return bars;
    }

    private static String label(Duration d) {
        return d.toMillis() < 1000 ? d.toMillis() + " ms" : d.toSeconds() + " s";
    }

    private static void sideBySide(HtmlPage page, Side gate, Side direct) {
        page.section("side-by-side", "Through dialgate vs straight to Genesys");
        page.note("Direct: a naive integration PUTs each write at once with the CRM's whole record, waits out 429s and"
                + " retries a 409 three times. Through dialgate: PATCH, answered 202, applied when the dial is over.");
        page.legend(List.of(
                new SvgChart.Series("through dialgate", "var(--gate)", List.of()),
                new SvgChart.Series("direct", "var(--direct)", List.of())));
        page.svg(SvgChart.pairs(
                "comparison",
                List.of(
                        "409s from Genesys",
                        "wrong final values",
                        "CRM wait per write, p50",
                        "CRM wait per write, p99"),
                List.of(
                        new double[] {gate.conflicts(), direct.conflicts()},
                        new double[] {gate.wrongFinalValues(), direct.wrongFinalValues()},
                        new double[] {millis(gate.crmWaitP50()), millis(direct.crmWaitP50())},
                        new double[] {millis(gate.crmWaitP99()), millis(direct.crmWaitP99())}),
                List.of(
                        String.format("%,d", gate.conflicts()),
                        String.format("%,d", direct.conflicts()),
                        String.format("%,d", gate.wrongFinalValues()),
                        String.format("%,d", direct.wrongFinalValues()),
                        LatencyRecorder.millis(gate.crmWaitP50()),
                        LatencyRecorder.millis(direct.crmWaitP50()),
                        LatencyRecorder.millis(gate.crmWaitP99()),
                        LatencyRecorder.millis(direct.crmWaitP99())),
                1100));
        page.table(
                "comparison-table",
                List.of("", "through dialgate", "direct"),
                List.of(
                        List.of("writes", String.format("%,d", gate.writes()), String.format("%,d", direct.writes())),
                        List.of(
                                "409s from Genesys",
                                String.format("%,d", gate.conflicts()),
                                String.format("%,d", direct.conflicts())),
                        List.of(
                                "wrong final values (lost or overwritten)",
                                String.format("%,d", gate.wrongFinalValues()),
                                String.format("%,d", direct.wrongFinalValues())),
                        List.of(
                                "writes given up after retries",
                                String.format("%,d", gate.givenUp()),
                                String.format("%,d", direct.givenUp())),
                        List.of(
                                "CRM wait per write, p50 / p99",
                                LatencyRecorder.millis(gate.crmWaitP50()) + " / "
                                        + LatencyRecorder.millis(gate.crmWaitP99()),
                                LatencyRecorder.millis(direct.crmWaitP50()) + " / "
                                        + LatencyRecorder.millis(direct.crmWaitP99()))));
    }

    private static double millis(Duration d) {
        return d.toNanos() / 1e6;
    }
}
