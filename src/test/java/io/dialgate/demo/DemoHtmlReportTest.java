package io.dialgate.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.simulator.DeliveredEvent;
import io.dialgate.simulator.RecordedPut;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The demo's HTML report from a small run worked out by hand: its sections are there, its figures are the run's, and
 * it needs nothing from outside the file.
 */
class DemoHtmlReportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LIST = "d3e0c0de-0000-4000-8000-000000000001";
    private static final Instant T0 = Instant.parse("2026-11-30T06:00:00Z");

    /**
     * c1 is dialled from 0 s to 3 s and c2 from 1 s to 2 s; the CRM writes c3 at 0.2 s (QUEUED, applied at 0.3 s), c1
     * at 0.5 s (HELD, applied at 3.02 s: 20 ms after its dial) and c2 at 1.5 s (HELD, applied at 2.1 s: 100 ms after).
     */
    private static final List<CrmWrite.Sent> SENT =
            List.of(sent(2, "c3", 200, false), sent(1, "c1", 500, true), sent(3, "c2", 1500, true));

    private static final Map<Long, String> ACCEPTED = Map.of(1L, "HELD", 2L, "QUEUED", 3L, "HELD");

    private static final DialTimeline DIALS = DialTimeline.of(List.of(
            event("v2.outbound.voice.campaigns.contact.preContact", "c1", "conv-1", 0),
            event("v2.outbound.voice.campaigns.contact.preContact", "c2", "conv-2", 1000),
            event("v2.outbound.voice.campaigns.contact.postContact", "c2", "conv-2", 2000),
            event("v2.outbound.voice.campaigns.contact.postContact", "c1", "conv-1", 3000)));

    private static final List<RecordedPut> PUTS =
            List.of(put("c3", 300, 2), put("c2", 2100, 3), put("c1", 3020, 1), conflict("c1", 600));

    @Test
    void theTimelineCountsDialsHeldWritesAndAppliedWritesPerSecond() {
        CampaignTimeline timeline = CampaignTimeline.of(SENT, ACCEPTED::get, DIALS, PUTS);

        assertEquals(
                List.of(
                        new CampaignTimeline.Second(0, 2, 1, 1),
                        new CampaignTimeline.Second(1, 1, 1, 1),
                        new CampaignTimeline.Second(2, 0, 0, 1)),
                timeline.seconds());
        assertEquals(3, timeline.appliedWrites());
        assertEquals(T0.plusMillis(200), timeline.start());
    }

    @Test
    void theDistributionHasEveryBlockedWriteInItsBucket() {
        List<Duration> samples = DialEndToApply.measure(SENT, DIALS, PUTS).samples();
        assertEquals(List.of(Duration.ofMillis(20), Duration.ofMillis(100)), samples);

        List<SvgChart.Bar> bars = DemoHtmlReport.buckets(samples);
        assertEquals(DemoHtmlReport.BUCKETS.size() + 1, bars.size());
        assertEquals(1, bars.get(1).value(), bars.get(1).label());
        assertEquals("10 ms–25 ms", bars.get(1).label());
        assertEquals(1, bars.get(4).value(), bars.get(4).label());
        assertEquals("100 ms–250 ms", bars.get(4).label());
        assertEquals(
                samples.size(), bars.stream().mapToLong(SvgChart.Bar::value).sum());
    }

    @Test
    void thePageHasEverySectionAndTheRunsNumbers() {
        String html = DemoHtmlReport.render(data());

        for (String id : List.of(
                "timeline",
                "timeline-dials",
                "timeline-held",
                "timeline-applied",
                "dial-end-to-put",
                "distribution",
                "side-by-side",
                "comparison",
                "comparison-table")) {
            assertTrue(html.contains("id=\"" + id + "\""), id);
        }
        assertTrue(html.contains("3 s; peak 2 dials in progress and 1 writes held; 3 writes applied in all."));
        assertTrue(html.contains("2 writes: p50 20.0 ms"), "the distribution's summary");
        assertEquals(2, sumOf(html, "class=\"bar\" data-value=\"(\\d+)\""), "the histogram holds every sample");
        assertEquals(3, count(between(html, "id=\"timeline-applied\"", "</svg>"), "<rect "), "one bar per second");
        String table = between(html, "id=\"comparison-table\"", "</table>");
        assertTrue(table.contains("<td>409s from Genesys</td><td class=\"num\">0</td><td class=\"num\">1</td>"), table);
        assertTrue(
                table.contains("<td>wrong final values (lost or overwritten)</td><td class=\"num\">0</td>"
                        + "<td class=\"num\">2</td>"),
                table);
    }

    @Test
    void thePageNeedsNothingFromOutsideTheFile() {
        String html = DemoHtmlReport.render(data()).toLowerCase();

        for (String outside :
                List.of("http:", "https:", "//", "<script", "<link", "@import", "url(", "src=", "@font-face")) {
            assertFalse(html.contains(outside), outside);
        }
        assertTrue(html.startsWith("<!doctype html>"));
        assertTrue(html.contains("<style>"));
    }

    @Test
    void theBenchTableBecomesTheSameKindOfPage() {
        String html = HtmlPage.fromMarkdown(
                        "dialgate benchmark",
                        "Campaign: **3,000** contacts.\n\n| write path | 409s | p99 |\n|---|---:|---:|\n"
                                + "| naive | 1,610 | 3.2 s |\n| dialgate | 0 | 21 ms |\n")
                .render();
        String table = between(html, "<table", "</table>");
        assertEquals(3, count(table, "<tr>"));
        assertTrue(table.contains("<td>dialgate</td><td class=\"num\">0</td><td class=\"num\">21 ms</td>"), table);
        assertTrue(html.contains("<b>3,000</b>"));
        assertFalse(html.toLowerCase().contains("http"));
    }

    private static DemoHtmlReport.Data data() {
        return new DemoHtmlReport.Data(
                3,
                false,
                3,
                1200,
                2,
                SENT.size(),
                2,
                2,
                CampaignTimeline.of(SENT, ACCEPTED::get, DIALS, PUTS),
                DialEndToApply.measure(SENT, DIALS, PUTS).samples(),
                new DemoHtmlReport.Side(3, 0, 0, 0, Duration.ofMillis(4), Duration.ofMillis(9)),
                new DemoHtmlReport.Side(3, 1, 2, 1, Duration.ofMillis(80), Duration.ofMillis(2400)));
    }

    private static CrmWrite.Sent sent(long seq, String contact, long atMillis, boolean inDial) {
        Map<String, String> columns = Map.of("tier", "gold-" + seq, CrmWrite.SEQ_COLUMN, CrmWrite.seqValue(seq));
        return new CrmWrite.Sent(
                new CrmWrite(seq, atMillis, LIST, contact, columns, columns), T0.plusMillis(atMillis), inDial);
    }

    private static DeliveredEvent event(String topic, String contact, String conversation, long atMillis) {
        ObjectNode envelope = JSON.createObjectNode().put("topicName", topic);
        envelope.putObject("eventBody")
                .put("conversationId", conversation)
                .put("outboundContactId", contact)
                .put("eventTime", T0.plusMillis(atMillis).toEpochMilli());
        return new DeliveredEvent(T0.plusMillis(atMillis + 5), topic, envelope, 202);
    }

    private static RecordedPut put(String contact, long atMillis, long seq) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("data").put(CrmWrite.SEQ_COLUMN, CrmWrite.seqValue(seq));
        return new RecordedPut(T0.plusMillis(atMillis), LIST, contact, "client", body, body.toString(), 200);
    }

    private static RecordedPut conflict(String contact, long atMillis) {
        RecordedPut put = put(contact, atMillis, 99);
        return new RecordedPut(put.time(), LIST, contact, "client", put.body(), put.rawBody(), 409);
    }

    private static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertTrue(start >= 0, from);
        return text.substring(start, text.indexOf(to, start));
    }

    private static int count(String text, String what) {
        return text.split(Pattern.quote(what), -1).length - 1;
    }

    private static long sumOf(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        long sum = 0;
        while (m.find()) {
            sum += Long.parseLong(m.group(1));
        }
        return sum;
    }
}
