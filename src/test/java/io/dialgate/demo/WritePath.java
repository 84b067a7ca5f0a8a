package io.dialgate.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One way a CRM write can travel to Genesys: through dialgate, or straight at the Genesys API. This base keeps what
 * every path is measured by — the writes submitted, how long each was on the CRM's hands, and how many are still
 * being worked on; a path says only how it sends a write.
 */
public abstract class WritePath implements AutoCloseable {

    private final List<CrmWrite.Sent> submitted = new ArrayList<>();
    private final LatencyRecorder acceptance = new LatencyRecorder();
    private final AtomicInteger open = new AtomicInteger();

    /** Short name for reports, e.g. "dialgate" or "naive". */
    public abstract String name();

    /** Takes one write; returns at once (the path works on its own threads). */
    public final void submit(CrmWrite.Sent write) {
        synchronized (submitted) {
            submitted.add(write);
        }
        open.incrementAndGet();
        send(write);
    }

    /**
     * Hands the write to the path's own threads. The path ends every write it is given with exactly one call of
     * {@link #offHands} or {@link #dropped}.
     */
    protected abstract void send(CrmWrite.Sent write);

    /**
     * The write is off the CRM's hands: dialgate's 202, or for a direct path the final answer after its retries (a
     * CRM job that calls Genesys itself is busy for that long). Records how long that took.
     */
    protected final void offHands(CrmWrite.Sent write) {
        acceptance.record(Duration.between(write.at(), Instant.now()));
        open.decrementAndGet();
    }

    /** The path is done with the write without it having been taken off the CRM's hands (refused, unreachable). */
    protected final void dropped() {
        open.decrementAndGet();
    }

    /** Every write submitted so far, in submission order. */
    public final List<CrmWrite.Sent> submitted() {
        synchronized (submitted) {
            return List.copyOf(submitted);
        }
    }

    /** From the CRM handing a write over to the write being off its hands (see {@link #offHands}). */
    public final LatencyRecorder acceptance() {
        return acceptance;
    }

    /** Writes still being worked on by this path (sent, retried or polled). */
    public final int open() {
        return open.get();
    }

    /** Waits until no write is still being worked on by this path; false on timeout. */
    public final boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** Stops the path's threads; writes still open are abandoned. */
    @Override
    public abstract void close();

    /** Threads that do not keep the demo's or the benchmark's JVM alive at its end. */
    protected static ThreadFactory daemonThreads(String name) {
        return task -> {
            Thread thread = new Thread(task, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
