package io.dialgate.demo;

import io.dialgate.simulator.RecordedPut;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The campaign second by second, as the demo report draws it: dials in progress, writes held by dialgate and writes
 * that reached Genesys. Worked out afterwards from what the run recorded (the dialer's events, the CRM's writes and
 * how dialgate answered them, the PUTs Genesys received), so every figure can be checked against those records.
 *
 * <p>A write is applied at the first successful PUT of its contact, sent after it, carrying it or a newer write of the
 * same contact; it is held from its acceptance (answered HELD) until then.
 */
public final class CampaignTimeline {

    /** Second {@code second} of the run, [start + second, start + second + 1 s). */
    public record Second(int second, int dialsInProgress, int writesHeld, int writesApplied) {}

    private final Instant start;
    private final List<Second> seconds;
    private final int appliedWrites;

    private CampaignTimeline(Instant start, List<Second> seconds, int appliedWrites) {
        this.start = start;
        this.seconds = List.copyOf(seconds);
        this.appliedWrites = appliedWrites;
    }

    /**
     * @param acceptedState how dialgate answered each write, by its sequence ({@code HELD}, {@code QUEUED}; null when
     *                      it was not accepted)
     */
    public static CampaignTimeline of(
            List<CrmWrite.Sent> sent, LongFunction<String> acceptedState, DialTimeline dials, List<RecordedPut> puts) {
        Map<String, List<DialEndToApply.GoodPut>> good = DialEndToApply.successfulPuts(puts);
        Instant start =
                sent.stream().map(CrmWrite.Sent::at).min(Instant::compareTo).orElse(Instant.EPOCH);
        Instant end = start;
        List<Instant[]> held = new ArrayList<>();
        List<Instant> applied = new ArrayList<>();
        for (CrmWrite.Sent s : sent) {
            end = later(end, s.at());
            Optional<Instant> appliedAt = appliedAt(good, s);
            appliedAt.ifPresent(applied::add);
            if ("HELD".equals(acceptedState.apply(s.write().seq()))) {
                held.add(new Instant[] {s.at(), appliedAt.orElse(null)});
            }
        }
        for (Instant t : applied) {
            end = later(end, t);
        }
        List<DialTimeline.DialWindow> windows = dials.all();
        int count = sent.isEmpty() ? 0 : (int) (Duration.between(start, end).toMillis() / 1000) + 1;
        List<Second> seconds = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Instant from = start.plusSeconds(i);
            Instant to = from.plusSeconds(1);
            // sampled at the end of the second: what a live view would show then
            Instant at = to.minusMillis(1);
            int inProgress = (int) windows.stream().filter(d -> d.covers(at)).count();
            int heldNow = (int) held.stream()
                    .filter(h -> !h[0].isAfter(at) && (h[1] == null || h[1].isAfter(at)))
                    .count();
            int appliedNow = (int) applied.stream()
                    .filter(t -> !t.isBefore(from) && t.isBefore(to))
                    .count();
            seconds.add(new Second(i, inProgress, heldNow, appliedNow));
        }
        return new CampaignTimeline(start, seconds, applied.size());
    }

    private static Optional<Instant> appliedAt(Map<String, List<DialEndToApply.GoodPut>> puts, CrmWrite.Sent s) {
        return puts.getOrDefault(s.write().contactId(), List.of()).stream()
                .filter(p -> !p.time().isBefore(s.at()) && p.seq() >= s.write().seq())
                .map(DialEndToApply.GoodPut::time)
                .min(Instant::compareTo);
    }

    private static Instant later(Instant a, Instant b) {
        return b.isAfter(a) ? b : a;
    }

    public Instant start() {
        return start;
    }

    public List<Second> seconds() {
        return seconds;
    }

    /** Writes that reached Genesys: the sum of {@link Second#writesApplied()} over the run. */
    public int appliedWrites() {
        return appliedWrites;
    }
}
