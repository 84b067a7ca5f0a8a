package io.dialgate.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What CRM integrations do today: PUT the contact straight to Genesys. A 429 waits its Retry-After and tries again; a
 * 409 (contact in a dial) or a failure is retried after 1, 2 and 4 s, then the write is given up and logged. Retries
 * resend the body the write was made with, as a queued job would.
 */
public final class NaiveWritePath implements WritePath {

    /** Retries after a 409 or a failure before the write is given up. */
    public static final int CONFLICT_RETRIES = 3;

    private final GenesysDirectClient genesys;
    private final Duration firstRetry;
    private final ScheduledThreadPoolExecutor workers;
    private final List<CrmWrite.Sent> submitted = new ArrayList<>();
    private final LatencyRecorder acceptance = new LatencyRecorder();
    private final AtomicInteger open = new AtomicInteger();
    private final AtomicInteger conflicts = new AtomicInteger();
    private final AtomicInteger givenUp = new AtomicInteger();

    public NaiveWritePath(GenesysDirectClient genesys) {
        this(genesys, Duration.ofSeconds(1));
    }

    /** @param firstRetry delay before the first retry after a 409; doubles for each further retry */
    public NaiveWritePath(GenesysDirectClient genesys, Duration firstRetry) {
        this.genesys = genesys;
        this.firstRetry = firstRetry;
        this.workers = new ScheduledThreadPoolExecutor(8, r -> {
            Thread thread = new Thread(r, "naive-crm");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String name() {
        return "naive";
    }

    @Override
    public void submit(CrmWrite.Sent write) {
        synchronized (submitted) {
            submitted.add(write);
        }
        open.incrementAndGet();
        workers.execute(() -> attempt(write, 0));
    }

    private void attempt(CrmWrite.Sent sent, int failures) {
        CrmWrite w = sent.write();
        GenesysDirectClient.Answer answer = genesys.put(w.contactListId(), w.contactId(), w.fullRecord());
        if (answer.ok()) {
            finish(sent);
        } else if (answer.status() == 429) {
            later(() -> attempt(sent, failures), Duration.ofSeconds(Math.max(1, answer.retryAfterSeconds())));
        } else if (answer.status() == 409 || answer.status() == 0 || answer.status() >= 500) {
            if (answer.status() == 409) {
                conflicts.incrementAndGet();
            }
            if (failures >= CONFLICT_RETRIES) {
                givenUp.incrementAndGet();
                finish(sent);
            } else {
                later(() -> attempt(sent, failures + 1), firstRetry.multipliedBy(1L << failures));
            }
        } else {
            givenUp.incrementAndGet();
            finish(sent);
        }
    }

    private void finish(CrmWrite.Sent sent) {
        acceptance.record(Duration.between(sent.at(), Instant.now()));
        open.decrementAndGet();
    }

    private void later(Runnable task, Duration delay) {
        if (!workers.isShutdown()) {
            workers.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** 409s this path's own PUTs got. */
    public int conflicts() {
        return conflicts.get();
    }

    /** Writes given up after their retries: unless a newer write of the contact lands, Genesys never gets them. */
    public int givenUp() {
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

    public int open() {
        return open.get();
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
