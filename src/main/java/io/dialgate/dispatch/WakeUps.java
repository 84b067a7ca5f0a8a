package io.dialgate.dispatch;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes a tenant's dispatcher the moment something of that tenant becomes ready: directly when this instance caused it,
 * and through the Redis wake channel ({@code RedisScripts.WAKE_CHANNEL}, published by the Lua
 * scripts) when another instance did. A wake-up that arrives while the dispatcher is busy is remembered, so none is
 * lost between two rounds.
 */
@ApplicationScoped
public class WakeUps {

    private final Map<String, Signal> signals = new ConcurrentHashMap<>();

    public void wake(String tenant) {
        signal(tenant).raise();
    }

    /** Wakes every tenant's dispatcher: wake-ups may have been missed (the channel was down). */
    void wakeAll() {
        signals.values().forEach(Signal::raise);
    }

    /** Waits until woken or the timeout passes; returns at once if a wake-up came since the last wait. */
    void await(String tenant, long timeoutMillis) throws InterruptedException {
        signal(tenant).await(timeoutMillis);
    }

    private Signal signal(String tenant) {
        return signals.computeIfAbsent(tenant, name -> new Signal());
    }

    private static final class Signal {
        private final ReentrantLock lock = new ReentrantLock();
        private final Condition raised = lock.newCondition();
        private boolean pending;

        void raise() {
            lock.lock();
            try {
                pending = true;
                raised.signalAll();
            } finally {
                lock.unlock();
            }
        }

        void await(long timeoutMillis) throws InterruptedException {
            lock.lock();
            try {
                long nanos = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
                while (!pending && nanos > 0) {
                    nanos = raised.awaitNanos(nanos);
                }
                pending = false;
            } finally {
                lock.unlock();
            }
        }
    }
}
