package io.dialgate.dispatch;

import io.dialgate.redis.RedisScripts;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;

/**
 * Listens on the Redis channel the Lua scripts publish to when a tenant has a contact ready, so every instance's
 * dispatcher wakes at once, not at its next idle check. A message lost while Redis is away only delays a write by one
 * idle check ({@code dialgate.dispatch.idle-check}).
 */
@ApplicationScoped
public class WakeUpChannel {

    private static final String CHANNEL = RedisScripts.WAKE_CHANNEL;
    private static final Logger LOG = Logger.getLogger(WakeUpChannel.class);

    private final ReactiveRedisDataSource redis;
    private final WakeUps wakeUps;
    private volatile Cancellable subscription;

    public WakeUpChannel(ReactiveRedisDataSource redis, WakeUps wakeUps) {
        this.redis = redis;
        this.wakeUps = wakeUps;
    }

    void start(@Observes StartupEvent event) {
        subscription = subscribe()
                .onFailure().invoke(e -> LOG.warnf("Wake-up channel unavailable (%s); retrying", e.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(ignored -> LOG.debug("Subscribed to " + CHANNEL));
    }

    private Uni<Void> subscribe() {
        return redis.pubsub(String.class).subscribe(CHANNEL, wakeUps::wake).replaceWithVoid();
    }

    void stop(@Observes ShutdownEvent event) {
        Cancellable current = subscription;
        if (current != null) {
            current.cancel();
        }
    }
}
