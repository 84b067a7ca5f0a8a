package io.dialgate.demo;

import io.dialgate.simulator.RecordedPut;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How long after a dial ended the writes it blocked reached Genesys, measured on the Genesys side only: from the
 * dial's postContact to the first successful PUT of that contact carrying the write (or a newer one of the same
 * contact, which carries its values too). The same measure serves every write path, direct or through dialgate.
 *
 * <p>A write is blocked by a dial when the dial had not ended when the write was sent and the write had not reached
 * Genesys before the dial started.
 */
public final class DialEndToApply {

    /**
     * @param blocked        writes blocked by a dial
     * @param applied        of those, how many reached Genesys after their dial ended
     * @param waitingForDial blocked by a dial still in progress
     * @param notApplied     their dial ended but they never reached Genesys (so far)
     * @param puts           successful PUTs that carried blocked writes (fewer than {@code applied} when merged)
     * @param delivery       of the same writes: from the dial end until the events sink had answered its postContact
     *                       (the part of {@code latency} spent getting the event to dialgate and ingesting it)
     */
    public record Result(
            LatencyRecorder latency,
            int blocked,
            int applied,
            int waitingForDial,
            int notApplied,
            int puts,
            LatencyRecorder delivery) {}

    /** A successful PUT: when, and the newest write sequence it carried. */
    record GoodPut(Instant time, long seq) {}

    private DialEndToApply() {}

    public static Result measure(List<CrmWrite.Sent> sent, DialTimeline timeline, List<RecordedPut> allPuts) {
        Map<String, List<GoodPut>> puts = successfulPuts(allPuts);
        LatencyRecorder latency = new LatencyRecorder();
        LatencyRecorder delivery = new LatencyRecorder();
        int blocked = 0;
        int applied = 0;
        int waiting = 0;
        int notApplied = 0;
        Set<GoodPut> carrying = new HashSet<>();
        for (CrmWrite.Sent s : sent) {
            String contact = s.write().contactId();
            List<GoodPut> contactPuts = puts.getOrDefault(contact, List.of());
            Optional<DialTimeline.DialWindow> dial = timeline.firstNotEndedBy(contact, s.at());
            if (dial.isEmpty()
                    || reachedGenesys(contactPuts, s, s.at(), dial.get().start())) {
                continue;
            }
            blocked++;
            if (dial.get().end() == null) {
                waiting++;
                continue;
            }
            Instant end = dial.get().end();
            Optional<GoodPut> put = contactPuts.stream()
                    .filter(p -> !p.time().isBefore(end) && p.seq() >= s.write().seq())
                    .findFirst();
            if (put.isPresent()) {
                applied++;
                carrying.add(put.get());
                latency.record(Duration.between(end, put.get().time()));
                if (dial.get().endAnswered() != null) {
                    delivery.record(Duration.between(end, dial.get().endAnswered()));
                }
            } else {
                notApplied++;
            }
        }
        return new Result(latency, blocked, applied, waiting, notApplied, carrying.size(), delivery);
    }

    /** Whether a successful PUT of the contact carried the write (or newer) between {@code from} and {@code to}. */
    private static boolean reachedGenesys(List<GoodPut> puts, CrmWrite.Sent s, Instant from, Instant to) {
        return puts.stream()
                .anyMatch(p -> !p.time().isBefore(from)
                        && p.time().isBefore(to)
                        && p.seq() >= s.write().seq());
    }

    static Map<String, List<GoodPut>> successfulPuts(List<RecordedPut> allPuts) {
        Map<String, List<GoodPut>> puts = new HashMap<>();
        for (RecordedPut put : allPuts) {
            if (put.status() / 100 != 2 || put.body() == null) {
                continue;
            }
            long seq = seqOf(put);
            puts.computeIfAbsent(put.contactId(), c -> new ArrayList<>()).add(new GoodPut(put.time(), seq));
        }
        return puts;
    }

    static long seqOf(RecordedPut put) {
        String note = put.body().path("data").path(CrmWrite.SEQ_COLUMN).asText(null);
        return note == null ? -1 : CrmWrite.seqOf(Map.of(CrmWrite.SEQ_COLUMN, note));
    }
}
