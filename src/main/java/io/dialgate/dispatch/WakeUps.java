package io.dialgate.dispatch;

import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * This instance's schedule of claims: which tenants to claim for now, in the order they were woken, and when each of
 * the others next has something due. A tenant is woken the moment something of it becomes ready — directly when this
 * instance caused it, and through its Redis wake channel ({@code RedisScripts.wakeChannel}, published by the Lua
 * scripts) when another instance did — and is due again at the time its last claim said its next contact, held dial or
 * lease falls due. Between those nothing of the tenant is claimed, however many tenants are configured: idle tenants
 * cost no Redis work. A wake-up that arrives while the tenant's claim runs is kept, so none is lost between two rounds.
 *
 * <p>Each tenant is in the woken queue at most once, and has at most one due time: the memory is a few objects per
 * tenant, and each operation is O(log tenants).
 */
@ApplicationScoped
public class WakeUps {

    /** A tenant's next due time, on this JVM's {@link System#nanoTime()} clock. */
    private record Due(long at, String tenant) {}

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Tenants to claim for now, first woken first; each once. */
    private final LinkedHashSet<String> woken = new LinkedHashSet<>();
    /** Tenants whose claim round runs now: never given to a second claimer at the same time. */
    private final Set<String> claiming = new HashSet<>();
    /** Later due times, earliest first, one per tenant (the one in {@link #dueByTenant}). */
    private final TreeSet<Due> dueTimes =
            new TreeSet<>(Comparator.comparingLong(Due::at).thenComparing(Due::tenant));

    private final Map<String, Due> dueByTenant = new HashMap<>();
    /** Set once at start-up, in the configured order. */
    private volatile Set<String> known = Set.of();
    /** When each tenant last had something happen ({@link System#nanoTime()}), as far as this instance heard. */
    private final Map<String, Long> lastActivity = new ConcurrentHashMap<>();

    /** The tenants this instance dispatches for; a wake-up naming another tenant is ignored. */
    void serve(Collection<String> tenants) {
        known = Collections.unmodifiableSet(new LinkedHashSet<>(tenants));
    }

    /**
     * Asks for a claim of the tenant as soon as possible (after the tenants woken before it): something of it became
     * ready or changed.
     */
    public void wake(String tenant) {
        if (!known.contains(tenant)) {
            return;
        }
        lastActivity.put(tenant, System.nanoTime());
        turn(tenant);
    }

    /** Whether anything of the tenant happened within {@code window}: a wake-up, or a claim that found work. */
    public boolean activeWithin(String tenant, Duration window) {
        Long last = lastActivity.get(tenant);
        return last != null && System.nanoTime() - last <= window.toNanos();
    }

    /** The idle sweep's claim of a tenant: asks for a claim, without counting as activity of the tenant. */
    void sweep(String tenant) {
        turn(tenant);
    }

    /** Gives the tenant another turn, its claim round having claimed nothing for want of a free worker. */
    void again(String tenant) {
        turn(tenant);
    }

    /** A claim of the tenant found work: contacts claimed, left ready, or due later. */
    void worked(String tenant) {
        lastActivity.put(tenant, System.nanoTime());
    }

    private void turn(String tenant) {
        lock.lock();
        try {
            woken.add(tenant);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every tenant: wake-ups may have been missed (the channel was down), or nothing is known yet (start-up). */
    void wakeAll() {
        lock.lock();
        try {
            woken.addAll(known);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The tenant's next claim is due in {@code delayMillis}, unless woken before; replaces its earlier due time. */
    void dueIn(String tenant, long delayMillis) {
        lock.lock();
        try {
            forget(tenant);
            Due due = new Due(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMillis), tenant);
            dueByTenant.put(tenant, due);
            dueTimes.add(due);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Nothing of the tenant is due: only a wake-up brings its next claim. */
    void notDue(String tenant) {
        lock.lock();
        try {
            forget(tenant);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The next tenant to claim for: the first woken whose claim is not running already, else the first whose due time
     * comes within {@code timeoutMillis}; empty when none did. The caller owns the tenant's claim round until it calls
     * {@link #done}; a wake-up meanwhile keeps the tenant queued for after that.
     */
    Optional<String> next(long timeoutMillis) throws InterruptedException {
        lock.lock();
        try {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (true) {
                long now = System.nanoTime();
                wakeDue(now);
                for (Iterator<String> queued = woken.iterator(); queued.hasNext(); ) {
                    String tenant = queued.next();
                    if (claiming.add(tenant)) {
                        queued.remove();
                        return Optional.of(tenant);
                    }
                }
                long until = deadline;
                if (!dueTimes.isEmpty()) {
                    until = Math.min(until, dueTimes.first().at());
                }
                if (until - now <= 0) {
                    return Optional.empty();
                }
                changed.awaitNanos(until - now);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The tenant's claim round, given by {@link #next}, is over. */
    void done(String tenant) {
        lock.lock();
        try {
            claiming.remove(tenant);
            if (woken.contains(tenant)) {
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Tenants with a due time, for the tests and the metrics: at most one per tenant. */
    int scheduled() {
        lock.lock();
        try {
            return dueTimes.size();
        } finally {
            lock.unlock();
        }
    }

    private void wakeDue(long now) {
        while (!dueTimes.isEmpty() && dueTimes.first().at() - now <= 0) {
            Due due = dueTimes.pollFirst();
            dueByTenant.remove(due.tenant());
            woken.add(due.tenant());
        }
    }

    private void forget(String tenant) {
        Due earlier = dueByTenant.remove(tenant);
        if (earlier != null) {
            dueTimes.remove(earlier);
        }
    }
}
