package io.dialgate.bench;

import java.util.Map;
import java.util.TreeMap;

/**
 * The unit costs the capacity model is built from, each measured on its own in the calibration step: what one event,
 * one held write, one applied write (accept → claim → apply → complete) and one idle second cost Redis and dialgate,
 * and how many bytes of Redis each kind of state keeps.
 *
 * @param idle             per second with every configured tenant idle (dialgate's own loops: claims, leases)
 * @param tenantsConfigured tenants the dialgate process of the calibration served (idle costs scale with them)
 * @param event            per event, the average over the four events of a dial posted one per request
 * @param heldWrite        per write accepted while its contact is in a dial (accept only; it waits)
 * @param appliedWrite     per write to a contact not in a dial: accept, claim, GET + PUT to Genesys, complete
 * @param memory           bytes of Redis {@code used_memory} per unit of state
 * @param eventCommands    Redis commands per event, by command (script calls and what the scripts ran)
 * @param writeCommands    Redis commands per applied write, by command
 */
record CapacityCosts(
        Cost idle,
        int tenantsConfigured,
        Cost event,
        Cost heldWrite,
        Cost appliedWrite,
        Memory memory,
        Map<String, Double> eventCommands,
        Map<String, Double> writeCommands) {

    /** Redis and dialgate work: per operation, or per second for {@link #idle}. */
    record Cost(double commands, double scriptCalls, double redisCpuMicros, double dialgateCpuMicros) {

        static Cost of(CapacityCounters.Delta d, Cost idlePerSecond, double operations) {
            return new Cost(
                    (d.commands() - idlePerSecond.commands * d.seconds()) / operations,
                    (d.scriptCalls() - idlePerSecond.scriptCalls * d.seconds()) / operations,
                    (d.redisCpuSeconds() * 1e6 - idlePerSecond.redisCpuMicros * d.seconds()) / operations,
                    (d.dialgateCpuSeconds() * 1e6 - idlePerSecond.dialgateCpuMicros * d.seconds()) / operations);
        }

        static Cost perSecond(CapacityCounters.Delta d) {
            return of(d, new Cost(0, 0, 0, 0), d.seconds());
        }

        Cost times(double n) {
            return new Cost(commands * n, scriptCalls * n, redisCpuMicros * n, dialgateCpuMicros * n);
        }

        Cost plus(Cost other) {
            return new Cost(
                    commands + other.commands,
                    scriptCalls + other.scriptCalls,
                    redisCpuMicros + other.redisCpuMicros,
                    dialgateCpuMicros + other.dialgateCpuMicros);
        }
    }

    /**
     * Redis state one unit leaves: its bytes outside the keyspace hash tables, and its keys (and keys with a TTL),
     * for which the tables add {@link CapacityCounters.Keyspace#tableBytes} in steps.
     */
    record State(double dataBytes, double keys, double expires) {

        static State of(CapacityCounters.Delta d, double units) {
            CapacityCounters.Keyspace k = d.keyspace();
            return new State(k.dataBytes() / units, k.keys() / units, k.expires() / units);
        }

        /** Bytes with the hash tables at their average cost per key (a keyspace large enough to average the steps). */
        double bytes() {
            return dataBytes + (keys + expires) * CapacityCounters.Keyspace.AVERAGE_BYTES_PER_KEY;
        }

        State times(double n) {
            return new State(dataBytes * n, keys * n, expires * n);
        }

        State plus(State o) {
            return new State(dataBytes + o.dataBytes, keys + o.keys, expires + o.expires);
        }

        State minus(State o) {
            return new State(
                    Math.max(0, dataBytes - o.dataBytes), Math.max(0, keys - o.keys), Math.max(0, expires - o.expires));
        }
    }

    /**
     * Redis state per unit.
     *
     * @param activeContact  a contact in a dial (preContact + outbound: {@code dial:}, {@code conv:}, index entries)
     * @param finishedDial   a dial that went through all its events, as it stays remembered for
     *                       {@code state.finished-dial-memory} (1 h): {@code dial:} and the {@code conv:} tombstone
     * @param pendingWrite   a write held on a contact in a dial ({@code pw:}, {@code pwids:}, {@code write:}, {@code held})
     * @param firstWrite     an applied write to a contact written for the first time: its {@code write:} record kept
     *                       {@code writes.retention} (7 d) and the contact's {@code cv:} column versions
     * @param repeatWrite    an applied write to a contact already written: its {@code write:} record only
     */
    record Memory(State activeContact, State finishedDial, State pendingWrite, State firstWrite, State repeatWrite) {

        /** The contact's {@code cv:} column versions, kept once per contact written. */
        State columnVersions() {
            return firstWrite.minus(repeatWrite);
        }
    }

    /**
     * The mean of two calibrations, one before and one after the check: CPU per operation follows the machine's load
     * (2 shared cores), and a mean of the two brackets the check in time instead of trusting either moment.
     */
    static CapacityCosts mean(CapacityCosts a, CapacityCosts b) {
        return new CapacityCosts(
                mean(a.idle, b.idle),
                a.tenantsConfigured,
                mean(a.event, b.event),
                mean(a.heldWrite, b.heldWrite),
                mean(a.appliedWrite, b.appliedWrite),
                new Memory(
                        mean(a.memory.activeContact, b.memory.activeContact),
                        mean(a.memory.finishedDial, b.memory.finishedDial),
                        mean(a.memory.pendingWrite, b.memory.pendingWrite),
                        mean(a.memory.firstWrite, b.memory.firstWrite),
                        mean(a.memory.repeatWrite, b.memory.repeatWrite)),
                mean(a.eventCommands, b.eventCommands),
                mean(a.writeCommands, b.writeCommands));
    }

    private static Cost mean(Cost a, Cost b) {
        return a.plus(b).times(0.5);
    }

    private static State mean(State a, State b) {
        return a.plus(b).times(0.5);
    }

    private static Map<String, Double> mean(Map<String, Double> a, Map<String, Double> b) {
        Map<String, Double> out = new TreeMap<>();
        a.forEach((k, v) -> out.merge(k, v / 2, Double::sum));
        b.forEach((k, v) -> out.merge(k, v / 2, Double::sum));
        return out;
    }

    /** Commands per operation, by name, idle commands taken out. */
    static Map<String, Double> commandsPer(CapacityCounters.Delta d, CapacityCounters.Delta idle, double operations) {
        Map<String, Double> out = new TreeMap<>();
        d.commandCalls().forEach((name, calls) -> {
            double idleCalls = idle.commandCalls().getOrDefault(name, 0L) / idle.seconds() * d.seconds();
            double per = (calls - idleCalls) / operations;
            if (per >= 0.005) {
                out.put(name, per);
            }
        });
        return out;
    }
}
