package io.dialgate.bench;

import java.time.Duration;
import java.util.List;

/**
 * Step 2 of {@code bench/capacity}: the scaled-down region. Several tenants at once, each with contacts in a dial, a
 * stream of dials (four events each) and CRM writes (some to contacts in a dial, which stay pending, the rest
 * applied at once), for a fixed window; then what Redis and dialgate used, to set beside the model's prediction.
 */
final class CapacityCheck {

    /**
     * What the check sent, counted by the load (202 answers), never by Redis: the model's input.
     *
     * @param activeContacts contacts put into a dial before the window (in memory, not in the window's work)
     * @param dials          dials that went through all four events inside the window
     * @param seconds        from the window's start until every applied write was complete
     */
    record Workload(
            int tenants,
            int tenantsConfigured,
            long activeContacts,
            long events,
            long dials,
            long heldWrites,
            long appliedWrites,
            double seconds) {}

    /**
     * The check's outcome.
     *
     * @param work         Redis and dialgate work from the window's start until every applied write was complete
     * @param memoryGrowth used_memory from before the contacts were put into a dial until the end
     */
    record Result(
            Workload workload,
            CapacityCounters.Keyspace keyspaceBefore,
            CapacityCounters.Delta work,
            long memoryGrowth,
            String load,
            String busy) {}

    private static final Duration TIMEOUT = Duration.ofMinutes(3);

    private CapacityCheck() {}

    static Result run(CapacitySettings settings, CapacityProbe probe, List<GateTarget> tenants, int tenantsConfigured)
            throws Exception {
        CapacityTraffic traffic = probe.traffic();
        int dials = settings.checkDials();
        int held = settings.checkHeldWrites();
        int applied = settings.checkAppliedWrites();
        probe.log()
                .printf(
                        "» check: %d tenants, each %d contacts in a dial, then for %d s %.1f dials/s (%d dials), %d writes held"
                                + " and %d applied%n",
                        tenants.size(),
                        settings.activeContacts(),
                        settings.checkWindow().toSeconds(),
                        settings.checkDialsPerSecond(),
                        dials,
                        held,
                        applied);
        probe.createContacts(CapacityCalibration.IDLE_CONTACTS, applied);
        long refusedBefore = traffic.refused();
        CapacityCounters empty = probe.settledRead();
        long eventsBefore = traffic.eventsSent();
        for (GateTarget tenant : tenants) {
            traffic.enterDials(tenant, CapacityCalibration.ACTIVE, settings.activeContacts());
        }
        long activeContacts = (traffic.eventsSent() - eventsBefore) / 2;

        String loadBefore = MachineInfo.loadAverage();
        CapacityCounters start = probe.settledRead();
        long windowEventsBefore = traffic.eventsSent();
        long writesBefore = traffic.writesSent();
        double window = settings.checkWindow().toMillis() / 1000.0;
        for (int k = 0; k < tenants.size(); k++) {
            GateTarget tenant = tenants.get(k);
            double offset = k / (double) tenants.size();
            traffic.dial(
                    tenant,
                    CapacityCalibration.DIALS,
                    dials,
                    settings.checkDialsPerSecond(),
                    settings.timing(),
                    offset);
            traffic.write(tenant, CapacityCalibration.ACTIVE, held, held / window, "held", (offset + 0.3) % 1);
            traffic.write(
                    tenant,
                    CapacityCalibration.IDLE_CONTACTS,
                    applied,
                    applied / window,
                    "applied",
                    (offset + 0.6) % 1);
        }
        String busy = MachineInfo.otherBusyProcesses(2000);
        traffic.awaitSent(TIMEOUT);
        for (GateTarget tenant : tenants) {
            traffic.awaitApplied(tenant, TIMEOUT);
        }
        CapacityCounters end = probe.settledRead();
        String load = loadBefore + " at the start, " + MachineInfo.loadAverage() + " at the end";
        if (traffic.refused() > refusedBefore) {
            throw new IllegalStateException(
                    (traffic.refused() - refusedBefore) + " requests were refused during the check");
        }
        long writes = traffic.writesSent() - writesBefore;
        Workload workload = new Workload(
                tenants.size(),
                tenantsConfigured,
                activeContacts,
                traffic.eventsSent() - windowEventsBefore,
                (long) dials * tenants.size(),
                (long) held * tenants.size(),
                writes - (long) held * tenants.size(),
                (end.nanos() - start.nanos()) / 1e9);
        return new Result(
                workload, empty.keyspace(), start.until(end), empty.until(end).usedMemory(), load, busy);
    }
}
