package io.dialgate.demo;

import java.time.Duration;
import java.util.List;

/** One way a CRM write can travel to Genesys: through dialgate, or straight at the Genesys API. */
public interface WritePath extends AutoCloseable {

    /** Short name for reports, e.g. "dialgate" or "naive". */
    String name();

    /** Takes one write; returns at once (the path works on its own threads). */
    void submit(CrmWrite.Sent write);

    /** Every write submitted so far, in submission order. */
    List<CrmWrite.Sent> submitted();

    /**
     * From the CRM handing a write over to the write being off its hands: dialgate's 202, or for a direct path the
     * final answer after its retries (a CRM job that calls Genesys itself is busy for that long).
     */
    LatencyRecorder acceptance();

    /** Waits until no write is still being worked on by this path (sent, retried or polled); false on timeout. */
    boolean awaitSettled(Duration timeout) throws InterruptedException;

    @Override
    void close();
}
