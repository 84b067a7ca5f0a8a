package io.dialgate.dispatch;

import io.dialgate.redis.RedisScripts;
import io.dialgate.tenant.Tenant;
import io.dialgate.tenant.Tenants;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.RedisConnection;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Listens on the tenants' wake channels ({@link RedisScripts#wakeChannel}), on which the Lua scripts announce that a
 * tenant has a contact ready, so every instance's dispatcher wakes at once, not at its next idle check.
 *
 * <p>On Redis 7 and later the channels are sharded ({@code SSUBSCRIBE}): each lives on the shard of its tenant's slot,
 * so in Redis Cluster a wake-up travels only within that shard rather than to every node. Older Redis has plain
 * channels ({@code SUBSCRIBE}). The scripts publish the same way by the same test (the server's version), see
 * {@code prelude.lua}.
 *
 * <p>A subscription lives on connections that can end: a Redis restart, a fail-over (in Cluster, Redis also ends the
 * sharded subscriptions of a slot that moves, with {@code sunsubscribe}), a network cut. Then everything is subscribed
 * again, with backoff, for as long as the application runs, and every dispatcher is woken once it is back, for
 * whatever was published meanwhile. Until then a release is only seen at the next idle check
 * ({@code dialgate.dispatch.idle-check}).
 */
@ApplicationScoped
public class WakeUpChannel {

    private static final Logger LOG = Logger.getLogger(WakeUpChannel.class);
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LAST_RETRY = Duration.ofSeconds(5);
    /** How long Redis may take to confirm every channel of one subscription round. */
    private static final Duration CONFIRMATION_WAIT = Duration.ofSeconds(10);

    private final ReactiveRedisDataSource redis;
    private final WakeUps wakeUps;
    private final List<String> channels;
    /** Counts subscription rounds; a lost-connection signal of an older round is ignored. */
    private final AtomicLong generation = new AtomicLong();

    private volatile Round current;
    private volatile boolean stopped;

    public WakeUpChannel(ReactiveRedisDataSource redis, WakeUps wakeUps, Tenants tenants) {
        this.redis = redis;
        this.wakeUps = wakeUps;
        this.channels = tenants.all().stream()
                .map(Tenant::name)
                .map(RedisScripts::wakeChannel)
                .sorted()
                .toList();
    }

    void start(@Observes StartupEvent event) {
        if (!channels.isEmpty()) {
            subscribe(generation.incrementAndGet());
        }
    }

    private void subscribe(long attempt) {
        // Again after a loss: not at once, the cause (a restart, a stale slot map) takes a moment to pass.
        Uni<Void> pause = attempt > 1
                ? Uni.createFrom().voidItem().onItem().delayIt().by(FIRST_RETRY)
                : Uni.createFrom().voidItem();
        pause.chain(() -> redis.getRedis().connect())
                .chain(connection -> subscribeOn(connection, attempt)
                        .onFailure()
                        .call(() -> connection.close().onFailure().recoverWithNull()))
                .onFailure()
                .invoke(e -> LOG.warnf("Wake-up channel unavailable (%s); retrying", e.getMessage()))
                .onFailure(ignored -> !stopped && generation.get() == attempt)
                .retry()
                .withBackOff(FIRST_RETRY, LAST_RETRY)
                .indefinitely()
                .subscribe()
                .with(
                        round -> {
                            current = round;
                            LOG.debugf("Subscribed to %d wake channels (%s)", channels.size(), round.kind());
                            if (stopped) {
                                round.connection.close().subscribe().with(ignored -> {}, ignored -> {});
                            } else if (attempt > 1) {
                                LOG.infof("Wake-up channels subscribed again after losing their Redis connection");
                                wakeUps.wakeAll();
                            }
                        },
                        failure -> LOG.debugf("Wake-up channel: no longer retrying (%s)", failure.getMessage()));
    }

    /**
     * Subscribes every tenant's channel on one connection (in Cluster, a connection to every node; each sharded
     * channel is subscribed on the node of its slot) and completes once Redis has confirmed each one.
     */
    private Uni<Round> subscribeOn(RedisConnection connection, long attempt) {
        return connection
                .send(Request.cmd(Command.INFO).arg("server"))
                .map(info -> majorVersion(info.toString()) >= 7)
                .chain(sharded -> {
                    Round round = new Round(connection, sharded, attempt);
                    round.listen();
                    Uni<Void> sent = sharded
                            ? Uni.join()
                                    .all(channels.stream()
                                            .map(channel -> connection.send(Request.cmd(Command.SSUBSCRIBE)
                                                    .arg(channel)))
                                            .toList())
                                    .andFailFast()
                                    .replaceWithVoid()
                            : connection.send(plainSubscribe()).replaceWithVoid();
                    return sent.chain(() -> Uni.createFrom().completionStage(round.confirmed))
                            .ifNoItem()
                            .after(CONFIRMATION_WAIT)
                            .failWith(() -> new IllegalStateException("Redis did not confirm every wake channel"))
                            // In Cluster, a redirection opened connections the first listen() did not see.
                            .invoke(round::listen)
                            .replaceWith(round);
                });
    }

    private Request plainSubscribe() {
        Request subscribe = Request.cmd(Command.SUBSCRIBE);
        channels.forEach(subscribe::arg);
        return subscribe;
    }

    /** The major version in an {@code INFO server} answer ({@code redis_version:7.0.15}); 0 when absent. */
    static int majorVersion(String info) {
        for (String line : info.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                String version = line.substring("redis_version:".length()).trim();
                int dot = version.indexOf('.');
                try {
                    return Integer.parseInt(dot < 0 ? version : version.substring(0, dot));
                } catch (NumberFormatException e) {
                    return 0;
                }
            }
        }
        return 0;
    }

    private void lost(long attempt, String why) {
        if (stopped || !generation.compareAndSet(attempt, attempt + 1)) {
            return;
        }
        LOG.warnf("Wake-up channel lost its Redis subscription (%s); subscribing again", why);
        Round old = current;
        if (old != null && old.attempt == attempt) {
            old.connection.close().subscribe().with(ignored -> {}, ignored -> {});
        }
        subscribe(attempt + 1);
    }

    void stop(@Observes ShutdownEvent event) {
        stopped = true;
        Round round = current;
        if (round != null) {
            round.connection.close().subscribe().with(ignored -> {}, ignored -> {});
        }
    }

    /** One subscription of every channel, on one connection. */
    private final class Round {
        final RedisConnection connection;
        final boolean sharded;
        final long attempt;
        final Set<String> unconfirmed = ConcurrentHashMap.newKeySet();
        final CompletableFuture<Void> confirmed = new CompletableFuture<>();

        Round(RedisConnection connection, boolean sharded, long attempt) {
            this.connection = connection;
            this.sharded = sharded;
            this.attempt = attempt;
            unconfirmed.addAll(channels);
        }

        String kind() {
            return sharded ? "sharded, SSUBSCRIBE" : "plain, SUBSCRIBE";
        }

        void listen() {
            connection.handler(this::received);
            connection.endHandler(() -> lost(attempt, "connection closed"));
            connection.exceptionHandler(e -> lost(attempt, e.getMessage()));
        }

        /** A message, a confirmation, an end of subscription, or an error (e.g. MOVED: the slot map was stale). */
        private void received(Response reply) {
            if (reply.type() == ResponseType.ERROR) {
                confirmed.completeExceptionally(new IllegalStateException(reply.toString()));
                lost(attempt, "Redis answered " + reply);
                return;
            }
            if (reply.size() < 3) {
                return;
            }
            String kind = reply.get(0).toString();
            switch (kind) {
                case "message", "smessage" -> wakeUps.wake(reply.get(2).toString());
                case "subscribe", "ssubscribe" -> {
                    unconfirmed.remove(reply.get(1).toString());
                    if (unconfirmed.isEmpty()) {
                        confirmed.complete(null);
                    }
                }
                // Redis ends the sharded subscriptions of a slot that moved to another node (resharding, fail-over).
                case "unsubscribe", "sunsubscribe" -> {
                    if (!stopped) {
                        lost(attempt, "Redis ended the subscription of " + reply.get(1) + " (its slot moved)");
                    }
                }
                default -> LOG.debugf("Wake-up channel: ignored %s", kind);
            }
        }
    }
}
