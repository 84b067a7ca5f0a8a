package io.dialgate.demo;

import io.dialgate.simulator.GenesysSimulator;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The CRM: sends contact updates at a steady rate, either made up live ({@link WriteGenerator}) or replayed from an
 * earlier run at the same offsets from the campaign start. Each write goes to every lane at the same moment, so write
 * paths compared side by side get the very same stream.
 */
public final class SimulatedCrm implements AutoCloseable {

    /** A write path and the simulator its writes end up in (asked whether the contact is in a dial at send time). */
    public record Lane(WritePath path, GenesysSimulator genesys) {}

    private final WriteGenerator generator;
    private final double writesPerSecond;
    private final List<CrmWrite> replay;
    private final List<Lane> lanes;
    private final List<CrmWrite> sent = new CopyOnWriteArrayList<>();
    private final ScheduledThreadPoolExecutor clock = new ScheduledThreadPoolExecutor(1, r -> {
        Thread thread = new Thread(r, "crm-clock");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean running;
    private long startNanos;

    private SimulatedCrm(WriteGenerator generator, double writesPerSecond, List<CrmWrite> replay, List<Lane> lanes) {
        this.generator = generator;
        this.writesPerSecond = writesPerSecond;
        this.replay = replay;
        this.lanes = List.copyOf(lanes);
    }

    public static SimulatedCrm live(WriteGenerator generator, double writesPerSecond, List<Lane> lanes) {
        if (!(writesPerSecond > 0)) {
            throw new IllegalArgumentException("writesPerSecond must be positive");
        }
        return new SimulatedCrm(generator, writesPerSecond, null, lanes);
    }

    public static SimulatedCrm replay(List<CrmWrite> writes, List<Lane> lanes) {
        return new SimulatedCrm(null, 0, List.copyOf(writes), lanes);
    }

    /** Starts sending; offsets count from now, which should be the moment the campaign started. */
    public void start() {
        running = true;
        startNanos = System.nanoTime();
        if (replay == null) {
            long period = (long) (1_000_000_000L / writesPerSecond);
            clock.scheduleAtFixedRate(() -> send(generator.next(elapsedMillis())), 0, period, TimeUnit.NANOSECONDS);
        } else {
            for (CrmWrite w : replay) {
                clock.schedule(() -> send(w), w.offsetMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private void send(CrmWrite w) {
        if (!running) {
            return;
        }
        sent.add(w);
        for (Lane lane : lanes) {
            boolean inDial = lane.genesys().dialer().isActive(w.contactListId(), w.contactId());
            lane.path().submit(new CrmWrite.Sent(w, Instant.now(), inDial));
        }
    }

    private long elapsedMillis() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    /** For a replay: waits until every write of the stream went out (the replay keeps the original offsets). */
    public boolean awaitReplayed(java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (replay != null && sent.size() < replay.size()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }

    /** The writes sent so far, in order: the stream to replay elsewhere. */
    public List<CrmWrite> sent() {
        return List.copyOf(sent);
    }

    public void stop() {
        running = false;
        clock.shutdownNow();
        try {
            clock.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }
}
