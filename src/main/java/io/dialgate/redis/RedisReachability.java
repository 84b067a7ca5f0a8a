package io.dialgate.redis;

import io.smallrye.mutiny.Uni;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Whether Redis answered lately. Once a call got no answer (a refused or reset connection, a timeout), dialgate knows
 * Redis is away: every call is refused at once ({@link StoreUnavailableException}, 503 + {@code Retry-After}) without
 * being sent, instead of each waiting out {@code quarkus.redis.timeout}, and a {@code PING} every
 * {@link #PROBE_INTERVAL} learns when it is back. The first answer, to the probe or to a call still out (an error
 * answer included), ends that. Only the probe goes to an unreachable Redis: no write is sent into a network cut that
 * could still reach Redis after the caller was told 503.
 *
 * <p>Not with Redis Cluster ({@link #notTracked()}): one shard away says nothing of the others, whose tenants go on;
 * a call to the shard that is away waits out its timeout as before.
 */
final class RedisReachability {

    /** How often, while Redis is away, it is asked whether it is back: how soon dialgate uses it again. */
    static final Duration PROBE_INTERVAL = Duration.ofMillis(250);
    /** A probe that gets no answer within this is a failed one (the next follows {@link #PROBE_INTERVAL} later). */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

    private final Supplier<Uni<?>> ping;
    private final Duration probeInterval;
    private final boolean tracked;
    private final AtomicBoolean probing = new AtomicBoolean();

    private volatile boolean away;

    /** @param ping asks Redis for an answer ({@code PING}) */
    RedisReachability(Supplier<Uni<?>> ping) {
        this(ping, PROBE_INTERVAL);
    }

    RedisReachability(Supplier<Uni<?>> ping, Duration probeInterval) {
        this(ping, probeInterval, true);
    }

    private RedisReachability(Supplier<Uni<?>> ping, Duration probeInterval, boolean tracked) {
        this.ping = ping;
        this.probeInterval = probeInterval;
        this.tracked = tracked;
    }

    /** Every call is sent, whatever the calls before it met (Redis Cluster). */
    static RedisReachability notTracked() {
        return new RedisReachability(() -> Uni.createFrom().nullItem(), PROBE_INTERVAL, false);
    }

    /**
     * Lets a call go to Redis, or refuses it at once while Redis is away.
     *
     * @throws StoreUnavailableException without sending anything
     */
    void admit(String command) {
        if (away) {
            throw new StoreUnavailableException("Redis did not answer lately; " + command + " not sent", null);
        }
    }

    /** Redis answered (a reply or an error reply): it is there. */
    void answered() {
        away = false;
    }

    /** A call got no answer: Redis is away until it answers again. */
    void unanswered() {
        if (!tracked) {
            return;
        }
        away = true;
        if (probing.compareAndSet(false, true)) {
            probe();
        }
    }

    boolean away() {
        return away;
    }

    private void probe() {
        Uni.createFrom()
                .voidItem()
                .onItem()
                .delayIt()
                .by(probeInterval)
                .chain(ping::get)
                .ifNoItem()
                .after(PROBE_TIMEOUT)
                .fail()
                .subscribe()
                .with(
                        answer -> {
                            probing.set(false);
                            answered();
                        },
                        noAnswer -> {
                            if (away) {
                                probe();
                            } else {
                                probing.set(false);
                            }
                        });
    }
}
