package io.dialgate.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Step 1 of {@code bench/capacity}: the unit costs, each operation measured alone on one tenant (the calibration
 * tenant) while the others are idle, with the idle cost measured first and taken out of each. Nothing of the check
 * (step 2) is used here: the model's prediction of the check comes only from these numbers.
 */
final class CapacityCalibration {

    /** Dial numbers (= contacts, see {@link CapacityTraffic}) of each part; far apart so no two parts share a contact. */
    static final long DIALS = 1_000_000;

    static final long ACTIVE = 2_000_000;
    static final long IDLE_CONTACTS = 3_000_000;
    static final long WARMUP = 5_000_000;
    static final long WARMUP_CONTACTS = 6_000_000;
    private static final Duration SENT_TIMEOUT = Duration.ofMinutes(3);
    private static final int WARMUP_ROUNDS = 12;

    private CapacityCalibration() {}

    /**
     * Mixed load on {@code target} until the JIT has compiled the paths measured next: rounds of {@code warmup} at
     * six times the calibration's rates, until at least {@code warmupRequests} were sent and dialgate's CPU per
     * request of a round is within 10 % of the round before (at most {@link #WARMUP_ROUNDS}). C2 compiles a method
     * only after thousands of calls, and on a loaded machine its compiler threads get little CPU: with a 20 s
     * warm-up, or rounds stopped at the first 15 % step (4,300 requests), the calibration before the check measured
     * 3.8 times the dialgate CPU per event of the calibration after it, and with 20,000 requests at load 30 still twice
     * (dialgate CPU then predicted 37 % high); so at least 40,000. Returns each round's CPU per request (µs).
     */
    static List<Double> warmUp(CapacitySettings settings, CapacityProbe probe, GateTarget target) throws Exception {
        double seconds = settings.warmup().toMillis() / 1000.0;
        double dialsPerSecond = 6 * settings.calibrationDialsPerSecond();
        double writesPerSecond = 6 * settings.calibrationWritesPerSecond();
        List<Double> rounds = new ArrayList<>();
        long sent = 0;
        int dials = (int) Math.max(1, dialsPerSecond * seconds);
        int writes = (int) Math.max(1, writesPerSecond * seconds);
        double previous = Double.NaN;
        for (int round = 0; round < WARMUP_ROUNDS; round++) {
            long requestsBefore = probe.traffic().eventsSent() + probe.traffic().writesSent();
            double cpuBefore = CpuTime.seconds(probe.dialgatePid());
            probe.createContacts(WARMUP_CONTACTS + round * 100_000L, writes);
            probe.traffic().dial(target, WARMUP + round * 100_000L, dials, dialsPerSecond, settings.timing());
            probe.traffic().write(target, WARMUP_CONTACTS + round * 100_000L, writes, writesPerSecond, "warm" + round);
            probe.traffic().awaitSent(SENT_TIMEOUT);
            probe.traffic().awaitApplied(target, SENT_TIMEOUT);
            long requests = probe.traffic().eventsSent() + probe.traffic().writesSent() - requestsBefore;
            sent += requests;
            double perRequest = (CpuTime.seconds(probe.dialgatePid()) - cpuBefore) * 1e6 / requests;
            probe.log()
                    .printf(
                            "» warm-up round %d: %d dials and %d writes on tenant %s, dialgate %.0f µs CPU per request%n",
                            round + 1, dials, writes, target.tenant(), perRequest);
            rounds.add(perRequest);
            boolean settled = Math.abs(perRequest - previous) <= 0.10 * previous;
            // warmupRequests 0 (the smoke test): one round proves the warm-up runs; settling is for measurements
            if (settings.warmupRequests() == 0 || (sent >= settings.warmupRequests() && settled)) {
                return rounds;
            }
            previous = perRequest;
        }
        return rounds;
    }

    static CapacityCosts run(CapacitySettings settings, CapacityProbe probe, GateTarget target, int tenantsConfigured)
            throws Exception {
        CapacityTraffic traffic = probe.traffic();
        probe.log().printf("» calibration on tenant %s (%d tenants configured)%n", target.tenant(), tenantsConfigured);

        probe.log().printf("  idle, %d s%n", settings.idle().toSeconds());
        CapacityCounters start = probe.read();
        Thread.sleep(settings.idle().toMillis());
        CapacityCounters.Delta idleDelta = start.until(probe.read());
        CapacityCosts.Cost idle = CapacityCosts.Cost.perSecond(idleDelta);

        int dials = settings.calibrationDials();
        probe.log()
                .printf("  events: %d dials × 4 events at %.0f dials/s%n", dials, settings.calibrationDialsPerSecond());
        long refusedBefore = traffic.refused();
        long eventsBefore = traffic.eventsSent();
        CapacityCounters before = probe.settledRead();
        traffic.dial(target, DIALS, dials, settings.calibrationDialsPerSecond(), settings.timing());
        traffic.awaitSent(SENT_TIMEOUT);
        CapacityCounters.Delta events = before.until(probe.settledRead());
        long eventCount = traffic.eventsSent() - eventsBefore;
        CapacityCosts.Cost event = CapacityCosts.Cost.of(events, idle, eventCount);

        int active = settings.activeContacts();
        probe.log().printf("  memory per active contact: %d contacts into a dial%n", active);
        before = probe.settledRead();
        traffic.enterDials(target, ACTIVE, active);
        CapacityCosts.State activeContact = CapacityCosts.State.of(before.until(probe.settledRead()), active);

        int writes = Math.min(settings.calibrationWrites(), active);
        probe.log().printf("  held writes: %d to contacts in a dial%n", writes);
        before = probe.settledRead();
        traffic.write(target, ACTIVE, writes, settings.calibrationWritesPerSecond(), "held");
        traffic.awaitSent(SENT_TIMEOUT);
        CapacityCounters.Delta held = before.until(probe.settledRead());

        probe.log()
                .printf("  applied writes: %d to idle contacts, then %d more to the same contacts%n", writes, writes);
        probe.createContacts(IDLE_CONTACTS, writes);
        before = probe.settledRead();
        traffic.write(target, IDLE_CONTACTS, writes, settings.calibrationWritesPerSecond(), "first");
        traffic.awaitSent(SENT_TIMEOUT);
        traffic.awaitApplied(target, SENT_TIMEOUT);
        CapacityCounters middle = probe.settledRead();
        traffic.write(target, IDLE_CONTACTS, writes, settings.calibrationWritesPerSecond(), "again");
        traffic.awaitSent(SENT_TIMEOUT);
        traffic.awaitApplied(target, SENT_TIMEOUT);
        CapacityCounters after = probe.settledRead();
        CapacityCounters.Delta applied = before.until(after);
        if (traffic.refused() > refusedBefore) {
            throw new IllegalStateException(
                    (traffic.refused() - refusedBefore) + " requests were refused during the calibration");
        }
        return new CapacityCosts(
                idle,
                tenantsConfigured,
                event,
                CapacityCosts.Cost.of(held, idle, writes),
                CapacityCosts.Cost.of(applied, idle, 2.0 * writes),
                new CapacityCosts.Memory(
                        activeContact,
                        CapacityCosts.State.of(events, dials),
                        CapacityCosts.State.of(held, writes),
                        CapacityCosts.State.of(before.until(middle), writes),
                        CapacityCosts.State.of(middle.until(after), writes)),
                CapacityCosts.commandsPer(events, idleDelta, eventCount),
                CapacityCosts.commandsPer(applied, idleDelta, 2.0 * writes));
    }
}
