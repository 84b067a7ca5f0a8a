package io.dialgate.bench;

import io.dialgate.demo.CrmWrite;
import io.dialgate.demo.GenesysDirectClient;
import io.dialgate.demo.LatencyRecorder;
import io.dialgate.demo.WritePath;
import io.dialgate.simulator.GenesysSimulator;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The careful integration without dialgate: before each write, ask Genesys every {@code interval} whether the contact
 * is idle, and PUT only then. Each poll is a real GET of the contact (it counts against the rate limit and in the
 * call totals). The simulator has no campaign-interactions endpoint, so whether the contact is in a dial is read from
 * the simulator's own dial lock, which is what that endpoint would answer; the race it leaves open (the dialer takes
 * the contact between the poll and the PUT) is real and answered with 409, after which the write polls again.
 */
final class PollingWritePath implements WritePath {

    private final GenesysDirectClient genesys;
    private final GenesysSimulator dialerView;
    private final Duration interval;
    private final Duration giveUpAfter;
    private final ScheduledThreadPoolExecutor workers;
    private final List<CrmWrite.Sent> submitted = new ArrayList<>();
    private final LatencyRecorder acceptance = new LatencyRecorder();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger givenUp = new AtomicInteger();

    PollingWritePath(GenesysDirectClient genesys, GenesysSimulator dialerView, Duration interval, Duration giveUpAfter) {
        this.genesys = genesys;
        this.dialerView = dialerView;
        this.interval = interval;
        this.giveUpAfter = giveUpAfter;
        this.workers = new ScheduledThreadPoolExecutor(8, r -> {
            Thread thread = new Thread(r, "polling-crm");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String name() {
        return "polling";
    }

    @Override
    public void submit(CrmWrite.Sent write) {
        synchronized (submitted) {
            submitted.add(write);
        }
        open.incrementAndGet();
        workers.execute(() -> poll(write));
    }

    private void poll(CrmWrite.Sent sent) {
        CrmWrite w = sent.write();
        if (Duration.between(sent.at(), Instant.now()).compareTo(giveUpAfter) > 0) {
            givenUp.incrementAndGet();
            finish(sent);
            return;
        }
        GenesysDirectClient.Answer look = genesys.get(w.contactListId(), w.contactId());
        if (look.status() == 429) {
            later(sent, Duration.ofSeconds(Math.max(1, look.retryAfterSeconds())));
            return;
        }
        if (!look.ok() || dialerView.dialer().isActive(w.contactListId(), w.contactId())) {
            later(sent, interval);
            return;
        }
        GenesysDirectClient.Answer put = genesys.put(w.contactListId(), w.contactId(), w.fullRecord());
        if (put.ok()) {
            finish(sent);
        } else if (put.status() == 429) {
            later(sent, Duration.ofSeconds(Math.max(1, put.retryAfterSeconds())));
        } else if (put.status() == 409 || put.status() == 0 || put.status() >= 500) {
            later(sent, interval);
        } else {
            givenUp.incrementAndGet();
            finish(sent);
        }
    }

    private void later(CrmWrite.Sent sent, Duration delay) {
        if (!workers.isShutdown()) {
            workers.schedule(() -> poll(sent), delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void finish(CrmWrite.Sent sent) {
        acceptance.record(Duration.between(sent.at(), Instant.now()));
        open.decrementAndGet();
    }

    int givenUp() {
        return givenUp.get();
    }

    @Override
    public List<CrmWrite.Sent> submitted() {
        synchronized (submitted) {
            return List.copyOf(submitted);
        }
    }

    @Override
    public LatencyRecorder acceptance() {
        return acceptance;
    }

    @Override
    public boolean awaitSettled(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (open.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
