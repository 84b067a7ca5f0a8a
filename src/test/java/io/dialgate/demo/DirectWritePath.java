package io.dialgate.demo;

import java.time.Duration;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A CRM integration that calls the Genesys API itself, without dialgate: its writes are worked on by 8 threads, and a
 * write that must wait (a 429's Retry-After, a retry, the next poll) waits on a timer, not in a thread.
 */
public abstract class DirectWritePath extends WritePath {

    private final ScheduledThreadPoolExecutor workers;

    protected DirectWritePath(String threadName) {
        this.workers = new ScheduledThreadPoolExecutor(8, daemonThreads(threadName));
    }

    /** Runs the step on a worker as soon as one is free. */
    protected final void now(Runnable step) {
        workers.execute(step);
    }

    /** Runs the step on a worker after the delay, unless the path is closed by then. */
    protected final void later(Runnable step, Duration delay) {
        if (!workers.isShutdown()) {
            workers.schedule(step, delay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** How long a 429 asks to wait: its Retry-After, at least a second. */
    protected static Duration retryAfter(GenesysDirectClient.Answer answer) {
        return Duration.ofSeconds(Math.max(1, answer.retryAfterSeconds()));
    }

    @Override
    public final void close() {
        workers.shutdownNow();
    }
}
