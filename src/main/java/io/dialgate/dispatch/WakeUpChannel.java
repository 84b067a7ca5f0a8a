package io.dialgate.dispatch;

import io.dialgate.redis.RedisScripts;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.pubsub.ReactivePubSubCommands.ReactiveRedisSubscriber;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens on the Redis channel the Lua scripts publish to when a tenant has a contact ready, so every instance's
 * dispatcher wakes at once, not at its next idle check. A subscription lives on one Redis connection: when that
 * connection ends (a Redis restart, a fail-over, a network cut) it is made again, with backoff, for as long as the
 * application runs, and every dispatcher is woken once it is back, for whatever was published meanwhile. Until then
 * a release is only seen at the next idle check ({@code dialgate.dispatch.idle-check}).
 */
@ApplicationScoped
public class WakeUpChannel {

    private static final String CHANNEL = RedisScripts.WAKE_CHANNEL;
    private static final Logger LOG = Logger.getLogger(WakeUpChannel.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);

    private final ReactiveRedisDataSource redis;
    private final WakeUps wakeUps;
    /** Counts subscriptions made; a lost-connection signal of an older one is ignored. */
    private final AtomicLong generation = new AtomicLong();

    private volatile ReactiveRedisSubscriber subscriber;
    private volatile boolean stopped;

    public WakeUpChannel(ReactiveRedisDataSource redis, WakeUps wakeUps) {
        this.redis = redis;
        this.wakeUps = wakeUps;
    }

    void start(@Observes StartupEvent event) {
        subscribe(generation.incrementAndGet());
    }

    private void subscribe(long attempt) {
        redis.pubsub(String.class)
                .subscribe(CHANNEL, wakeUps::wake, () -> lost(attempt, null), failure -> lost(attempt, failure))
                .onFailure()
                .invoke(e -> LOG.warnf("Wake-up channel unavailable (%s); retrying", e.getMessage()))
                .onFailure(ignored -> !stopped)
                .retry()
                .withBackOff(FIRST_RETRY, LAST_RETRY)
                .indefinitely()
                .subscribe()
                .with(
                        subscribed -> {
                            subscriber = subscribed;
                            LOG.debugf("Subscribed to %s", CHANNEL);
                            if (attempt > 1) {
                                LOG.infof("Wake-up channel subscribed again after losing its Redis connection");
                                wakeUps.wakeAll();
                            }
                        },
                        failure -> LOG.debugf("Wake-up channel: no longer retrying (%s)", failure.getMessage()));
    }

    private void lost(long attempt, Throwable failure) {
        if (stopped || !generation.compareAndSet(attempt, attempt + 1)) {
            return;
        }
        LOG.warnf(
                "Wake-up channel lost its Redis connection (%s); subscribing again",
                failure == null ? "connection closed" : failure.getMessage());
        subscribe(attempt + 1);
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        ReactiveRedisSubscriber current = subscriber;
        if (current != null) {
            current.unsubscribe().subscribe().with(ignored -> {}, ignored -> {});
        }
    }
}
