package io.dialgate.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The capacity model: Redis memory, Redis commands and CPU, and dialgate CPU as sums of counted operations times
 * the unit costs of the calibration ({@link CapacityCosts}). {@link #predict} applies it to the check's workload;
 * {@link #region} to a region of tenants of one {@link Profile}. Every figure is computed from the costs measured
 * in the same run, so a change to the scripts or the key model changes the answer when the run is repeated.
 */
final class CapacityModel {

    private CapacityModel() {}

    /** What the model says the check used. */
    record Prediction(
            double memoryBytes,
            double commands,
            double scriptCalls,
            double redisCpuSeconds,
            double dialgateCpuSeconds) {}

    /**
     * The check from the calibration's unit costs: work is operations × cost per operation plus the idle cost for the
     * time; memory is the units of state × their bytes, plus the growth of the keyspace's hash tables from the key
     * count the check started with to that count plus the keys the units add.
     */
    static Prediction predict(CapacityCosts costs, CapacityCheck.Workload w, CapacityCounters.Keyspace before) {
        CapacityCosts.Memory m = costs.memory();
        CapacityCosts.State state = m.activeContact()
                .times(w.activeContacts())
                .plus(m.finishedDial().times(w.dials()))
                .plus(m.pendingWrite().times(w.heldWrites()))
                .plus(m.firstWrite().times(w.appliedWrites()));
        double memory = state.dataBytes()
                + CapacityCounters.Keyspace.tableBytes(before.keys() + state.keys())
                - CapacityCounters.Keyspace.tableBytes(before.keys())
                + CapacityCounters.Keyspace.tableBytes(before.expires() + state.expires())
                - CapacityCounters.Keyspace.tableBytes(before.expires());
        CapacityCosts.Cost idlePerTenantSecond = costs.idle().times(1.0 / costs.tenantsConfigured());
        CapacityCosts.Cost work = costs.event()
                .times(w.events())
                .plus(costs.heldWrite().times(w.heldWrites()))
                .plus(costs.appliedWrite().times(w.appliedWrites()))
                .plus(idlePerTenantSecond.times(w.tenantsConfigured() * w.seconds()));
        return new Prediction(
                memory,
                work.commands(),
                work.scriptCalls(),
                work.redisCpuMicros() / 1e6,
                work.dialgateCpuMicros() / 1e6);
    }

    /**
     * One tenant of the region, and the limits a shard and a pod are sized to.
     *
     * @param contactsDialedPerHour  contacts with dial state in Redis: each dial is remembered
     *                               {@code finished-dial-memory} (1 h) after it ends, so this is also the dial rate
     *                               per hour (50,000: a campaign that works 50,000 contacts an hour)
     * @param eventsPerDial          Genesys events per dial reaching dialgate (preContact, the conversation's detail
     *                               events, postContact); the calibration measures the four-event dial and the others
     *                               take the same script
     * @param dialSeconds            mean time a contact is in a dial (ring, talk, wrap-up): contacts in a dial at once
     * @param writesPerMinute        CRM writes
     * @param heldShare              share of writes that arrive while their contact is in a dial
     * @param heldSeconds            how long such a write waits on average
     * @param retentionDays          {@code writes.retention}: an applied write's status record is kept this long
     * @param contactsWritten        distinct contacts written within the retention (each keeps one {@code cv:})
     * @param shardMemoryBytes       used_memory one shard may reach (node memory less fork and replication headroom)
     * @param shardCpu               share of one core the shard's Redis main thread may use (headroom for bursts,
     *                               replica resync, failover catch-up)
     * @param podCores               CPU of one dialgate pod
     * @param podUtilisation         share of it the pods are sized to (the HPA target)
     * @param minPods                pods for availability, whatever the load
     */
    record Profile(
            double contactsDialedPerHour,
            double eventsPerDial,
            double dialSeconds,
            double writesPerMinute,
            double heldShare,
            double heldSeconds,
            double retentionDays,
            double contactsWritten,
            double shardMemoryBytes,
            double shardCpu,
            double podCores,
            double podUtilisation,
            int minPods) {

        static Profile standard() {
            return new Profile(50_000, 8, 60, 1_000, 0.5, 30, 7, 500_000, 12.0 * (1L << 30), 0.5, 2, 0.6, 2);
        }

        static Profile fromSystemProperties() {
            Profile d = standard();
            return new Profile(
                    number("capacity.profile.contactsDialedPerHour", d.contactsDialedPerHour),
                    number("capacity.profile.eventsPerDial", d.eventsPerDial),
                    d.dialSeconds,
                    number("capacity.profile.writesPerMinute", d.writesPerMinute),
                    d.heldShare,
                    d.heldSeconds,
                    number("capacity.profile.retentionDays", d.retentionDays),
                    d.contactsWritten,
                    number("capacity.profile.shardMemoryGiB", d.shardMemoryBytes / (1L << 30)) * (1L << 30),
                    number("capacity.profile.shardCpu", d.shardCpu),
                    d.podCores,
                    d.podUtilisation,
                    d.minPods);
        }

        double dialsPerSecond() {
            return contactsDialedPerHour / 3600.0;
        }

        double eventsPerSecond() {
            return dialsPerSecond() * eventsPerDial;
        }

        double writesPerSecond() {
            return writesPerMinute / 60.0;
        }

        private static double number(String property, double fallback) {
            return Double.parseDouble(System.getProperty(property, Double.toString(fallback)));
        }
    }

    /** One tenant of the profile: its Redis state by kind and its work per second (idle loops not included). */
    record Tenant(
            double dialStateBytes,
            double activeDialBytes,
            double pendingWriteBytes,
            double writeRecordBytes,
            double columnVersionBytes,
            CapacityCosts.Cost workPerSecond) {

        double memoryBytes() {
            return dialStateBytes + activeDialBytes + pendingWriteBytes + writeRecordBytes + columnVersionBytes;
        }
    }

    static Tenant tenant(CapacityCosts costs, Profile p) {
        CapacityCosts.Memory m = costs.memory();
        double inDial = p.dialsPerSecond() * p.dialSeconds();
        double pending = p.writesPerSecond() * (p.heldShare() * p.heldSeconds() + (1 - p.heldShare()) * 1.0);
        double retained = p.writesPerSecond() * p.retentionDays() * 86_400;
        // a held write is accepted held and later applied: count it as an applied write (its accept is in there)
        CapacityCosts.Cost work = costs.event()
                .times(p.eventsPerSecond())
                .plus(costs.appliedWrite().times(p.writesPerSecond()));
        return new Tenant(
                p.contactsDialedPerHour() * m.finishedDial().bytes(),
                inDial
                        * Math.max(
                                0, m.activeContact().bytes() - m.finishedDial().bytes()),
                pending * m.pendingWrite().bytes(),
                retained * m.repeatWrite().bytes(),
                Math.min(p.contactsWritten(), retained) * m.columnVersions().bytes(),
                work);
    }

    /**
     * A region of {@code tenants} tenants of the profile.
     *
     * @param shardsBy what set the number of shards: "memory" or "CPU"
     */
    record Region(
            int tenants,
            double eventsPerSecond,
            double writesPerSecond,
            double memoryBytes,
            double commandsPerSecond,
            double redisCpu,
            int shards,
            String shardsBy,
            int tenantsPerShard,
            double shardMemoryBytes,
            double shardCommandsPerSecond,
            double shardCpu,
            double dialgateCores,
            int pods) {

        boolean podsFit() {
            return pods > 0;
        }
    }

    /**
     * Sizes a region. Today every pod runs every tenant's dispatch loop: each pod pays the idle cost of every tenant
     * (dialgate CPU), and Redis pays it once per pod and tenant. Pods are what is left of a pod after its idle loops,
     * divided into the tenants' work; when the idle loops alone fill a pod, no number of pods fits ({@code pods} 0).
     */
    static Region region(CapacityCosts costs, Profile p, int tenants) {
        Tenant t = tenant(costs, p);
        CapacityCosts.Cost idlePerTenant = costs.idle().times(1.0 / costs.tenantsConfigured());
        CapacityCosts.Cost work = t.workPerSecond().times(tenants);
        double idlePerPod = idlePerTenant.dialgateCpuMicros() / 1e6 * tenants;
        double room = p.podCores() * p.podUtilisation() - idlePerPod;
        int pods = room <= 0 ? 0 : Math.max(p.minPods(), (int) Math.ceil(work.dialgateCpuMicros() / 1e6 / room));
        CapacityCosts.Cost total = work.plus(idlePerTenant.times((double) tenants * Math.max(pods, p.minPods())));
        double memory = t.memoryBytes() * tenants;
        double redisCpu = total.redisCpuMicros() / 1e6;
        // a tenant is one slot: a shard holds whole tenants, as many as fit both its memory and its CPU budget
        int fitMemory = (int) Math.floor(p.shardMemoryBytes() / t.memoryBytes());
        int fitCpu = (int) Math.floor(p.shardCpu() / (redisCpu / tenants));
        int perShard = Math.max(1, Math.min(tenants, Math.min(fitMemory, fitCpu)));
        int shards = (int) Math.ceil(tenants / (double) perShard);
        double share = perShard / (double) tenants;
        return new Region(
                tenants,
                p.eventsPerSecond() * tenants,
                p.writesPerSecond() * tenants,
                memory,
                total.commands(),
                redisCpu,
                shards,
                fitMemory <= fitCpu ? "memory" : "CPU",
                perShard,
                memory * share,
                total.commands() * share,
                redisCpu * share,
                total.dialgateCpuMicros() / 1e6 + idlePerPod * Math.max(pods, p.minPods()),
                pods);
    }

    static List<Region> regions(CapacityCosts costs, Profile p, int... tenantCounts) {
        List<Region> out = new ArrayList<>();
        for (int n : tenantCounts) {
            out.add(region(costs, p, n));
        }
        return out;
    }

    /**
     * How far one tenant can grow before its one slot — one shard — is full: the factor on the profile's event and
     * write rates at which its Redis CPU reaches the shard's budget, and the factor on its writes at which its memory
     * reaches the shard's memory.
     */
    record SlotLimit(double cpuFactor, double memoryFactor) {

        String first() {
            return cpuFactor <= memoryFactor ? "CPU" : "memory";
        }
    }

    static SlotLimit slotLimit(CapacityCosts costs, Profile p) {
        Tenant t = tenant(costs, p);
        CapacityCosts.Cost idle = costs.idle().times(p.minPods() / (double) costs.tenantsConfigured());
        double cpu = t.workPerSecond().redisCpuMicros() / 1e6;
        double budget = p.shardCpu() - idle.redisCpuMicros() / 1e6;
        return new SlotLimit(budget / cpu, p.shardMemoryBytes() / t.memoryBytes());
    }
}
