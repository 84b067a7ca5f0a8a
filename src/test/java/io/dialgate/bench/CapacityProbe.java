package io.dialgate.bench;

import io.dialgate.simulator.GenesysSimulator;
import io.dialgate.testing.RespClient;

import java.io.PrintStream;
import java.util.Map;

/**
 * What the calibration and the check measure with and drive: dialgate's Redis (one connection for the readings),
 * its process id, the load, the Genesys simulator that holds the contacts writes are applied to, and the console.
 */
record CapacityProbe(
        RespClient redis, long dialgatePid, CapacityTraffic traffic, GenesysSimulator genesys, PrintStream log) {

    /** Contacts {@code first .. first+count-1} of {@link EventCorpus#LIST}, as Genesys holds them, for writes to apply to. */
    void createContacts(long first, int count) {
        for (long c = first; c < first + count; c++) {
            genesys.contacts()
                    .put(EventCorpus.LIST, EventCorpus.contactId(c), Map.of("phone", "+1317555" + (1000 + c % 9000)));
        }
    }

    CapacityCounters read() {
        return CapacityCounters.read(redis, dialgatePid, false);
    }

    /** A reading whose used_memory has stopped moving. */
    CapacityCounters settledRead() {
        return CapacityCounters.read(redis, dialgatePid, true);
    }
}
