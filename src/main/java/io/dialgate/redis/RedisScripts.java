package io.dialgate.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs dialgate's Lua scripts by SHA, sending a script's text again only when Redis has lost it (a restart or a
 * fail-over), and turns connection failures and the errors of a Redis that cannot take writes now (see
 * {@link StoreRefusal}) into {@link StoreUnavailableException}. Redis refuses a script that would write before it
 * runs anything, so such an error means nothing was stored.
 */
@ApplicationScoped
public class RedisScripts {

    /**
     * The end of a tenant's wake channel name, after its key prefix ({@link #wakeChannel}): the scripts publish the
     * tenant's name there when one of its contacts becomes ready now. Spelled only here: {@link #withPrelude} hands
     * the scripts the whole name. The channel carries the tenant's hash tag, so on Redis 7 it is a sharded channel of
     * the tenant's slot ({@code SPUBLISH}/{@code SSUBSCRIBE}: in Redis Cluster only the shard that holds the tenant
     * carries its wake-ups); on older Redis a plain channel.
     */
    static final String WAKE_CHANNEL_SUFFIX = "wake";

    private static final String PRELUDE = "lua/prelude.lua";
    /** The error the Redis client reports for a command whose connection closed before its answer came. */
    private static final String CONNECTION_CLOSED = "CONNECTION_CLOSED";
    /** Queueing of outcome callbacks, shared by the scripts that make an outcome true. */
    private static final String CALLBACKS = "lua/callbacks.lua";

    /** The replication mark only needs to outlive its own WAIT. */
    private static final Duration REPLICATION_MARK_TTL = Duration.ofMinutes(1);

    /** Besides a script's own time in Redis, how long a replicated run may take (the pool, the network). */
    private static final Duration REPLICATED_RUN_MARGIN = Duration.ofSeconds(5);

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactive;
    private final Map<LuaScript, LoadedScript> scripts = new EnumMap<>(LuaScript.class);
    private final StaleConnections stale;
    private final RedisReachability reachability;
    private final int replicaAcks;
    private final Duration replicaAckTimeout;

    @Inject
    public RedisScripts(
            RedisDataSource redis,
            ReactiveRedisDataSource reactive,
            RedisConfig config,
            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this(
                redis,
                reactive,
                new StaleConnections(redis),
                config.replicaAcks(),
                config.replicaAckTimeout(),
                "cluster".equalsIgnoreCase(clientType)
                        ? RedisReachability.notTracked()
                        : new RedisReachability(() -> reactive.execute("PING")));
    }

    /** Without replica acknowledgements (tests of the scripts themselves). */
    RedisScripts(RedisDataSource redis, ReactiveRedisDataSource reactive) {
        this(redis, reactive, new StaleConnections(redis), 0, Duration.ZERO);
    }

    RedisScripts(
            RedisDataSource redis,
            ReactiveRedisDataSource reactive,
            StaleConnections stale,
            int replicaAcks,
            Duration replicaAckTimeout) {
        this(
                redis,
                reactive,
                stale,
                replicaAcks,
                replicaAckTimeout,
                new RedisReachability(() -> reactive.execute("PING")));
    }

    private RedisScripts(
            RedisDataSource redis,
            ReactiveRedisDataSource reactive,
            StaleConnections stale,
            int replicaAcks,
            Duration replicaAckTimeout,
            RedisReachability reachability) {
        this.redis = redis;
        this.reactive = reactive;
        this.stale = stale;
        this.reachability = reachability;
        this.replicaAcks = replicaAcks;
        this.replicaAckTimeout = replicaAckTimeout;
        for (LuaScript script : LuaScript.values()) {
            scripts.put(script, LoadedScript.of(source(script)));
        }
    }

    /** The text Redis runs for a script: see {@link #withPrelude}. */
    static String source(LuaScript script) {
        return withPrelude(read(script.resource()));
    }

    /**
     * A script body behind the tenant's wake channel name (built from the tenant prefix, {@code ARGV[1]}),
     * {@code prelude.lua} and {@code callbacks.lua} (queueing outcome callbacks), which every script builds on.
     */
    static String withPrelude(String body) {
        return "local WAKE_CHANNEL = ARGV[1] .. '" + WAKE_CHANNEL_SUFFIX + "'\n" + read(PRELUDE) + "\n"
                + read(CALLBACKS) + "\n" + body;
    }

    /** The channel on which the scripts announce that a tenant has a contact ready now; its payload is the tenant. */
    public static String wakeChannel(String tenant) {
        return new TenantKeys(tenant).prefix() + WAKE_CHANNEL_SUFFIX;
    }

    /** Runs a script with the tenant prefix and name as its first two arguments. */
    public Response run(LuaScript script, TenantKeys tenant, List<String> keys, List<String> args) {
        LoadedScript loaded = scripts.get(script);
        List<String> command = command(loaded.sha(), tenant, keys, args);
        try {
            return execute("EVALSHA", command);
        } catch (RuntimeException e) {
            if (!String.valueOf(e.getMessage()).contains("NOSCRIPT")) {
                throw e;
            }
            command.set(0, loaded.text());
            return execute("EVAL", command);
        }
    }

    /**
     * Runs a script without blocking, so many can be in flight at once on the pooled connections (the events of one
     * batch are independent of each other: the state machine orders them by eventTime, not by arrival).
     */
    public Uni<Response> runAsync(LuaScript script, TenantKeys tenant, List<String> keys, List<String> args) {
        LoadedScript loaded = scripts.get(script);
        List<String> command = command(loaded.sha(), tenant, keys, args);
        return admitted(
                        "EVALSHA",
                        () -> reactive.execute("EVALSHA", command.toArray(String[]::new))
                                .onFailure(e -> String.valueOf(e.getMessage()).contains("NOSCRIPT"))
                                .recoverWithUni(() -> {
                                    command.set(0, loaded.text());
                                    return reactive.execute("EVAL", command.toArray(String[]::new));
                                }))
                .onFailure()
                .transform(e -> unavailable("EVALSHA", e));
    }

    /** The keys and arguments (after the tenant's prefix and name) of one run of a script. */
    public record ScriptRun(List<String> keys, List<String> args) {}

    /**
     * Runs one script many times as one pipeline on one pooled connection, replies in the order of {@code runs}:
     * for independent runs whose effects the caller acknowledges together (the events of one batch), so a batch
     * costs one connection, one write and one read instead of one of each per run. Each run stays atomic on its own;
     * the pipeline as a whole is not (an error fails the whole Uni, as a failed run does in {@link
     * #runReplicatedAsync}, and the caller answers with an error for all of them). With replica acknowledgements, each
     * run goes through {@link #runReplicatedAsync}.
     */
    public Uni<List<Response>> runAllReplicatedAsync(LuaScript script, TenantKeys tenant, List<ScriptRun> runs) {
        if (runs.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (replicaAcks > 0 || runs.size() == 1) {
            List<Uni<Response>> each = new ArrayList<>(runs.size());
            runs.forEach(run -> each.add(runReplicatedAsync(script, tenant, run.keys(), run.args())));
            return Uni.join().all(each).andFailFast();
        }
        LoadedScript loaded = scripts.get(script);
        return admitted(
                        "EVALSHA",
                        () -> reactive.getRedis()
                                .batch(requests("EVALSHA", loaded.sha(), tenant, runs))
                                .onFailure(e -> String.valueOf(e.getMessage()).contains("NOSCRIPT"))
                                // Redis lost its scripts (a restart, a fail-over): none of the runs happened; the
                                // text loads it again
                                .recoverWithUni(
                                        () -> reactive.getRedis().batch(requests("EVAL", loaded.text(), tenant, runs))))
                .onFailure()
                .transform(e -> unavailable("EVALSHA", e));
    }

    private static List<Request> requests(String eval, String script, TenantKeys tenant, List<ScriptRun> runs) {
        List<Request> requests = new ArrayList<>(runs.size());
        for (ScriptRun run : runs) {
            Request request = Request.cmd(Command.create(eval));
            command(script, tenant, run.keys(), run.args()).forEach(request::arg);
            requests.add(request);
        }
        return requests;
    }

    /**
     * Runs a script whose effect the caller acknowledges (a CRM write, an event): with
     * {@code dialgate.redis.replica-acks} ≥ 1, returns only once that many replicas confirmed it, else throws
     * {@link ReplicasNotConfirmedException} (the effect is on the primary, not acknowledged). With 0, as {@link #run}.
     */
    public Response runReplicated(LuaScript script, TenantKeys tenant, List<String> keys, List<String> args) {
        if (replicaAcks == 0) {
            return run(script, tenant, keys, args);
        }
        try {
            return runReplicatedAsync(script, tenant, keys, args)
                    .await()
                    .atMost(replicaAckTimeout.plus(REPLICATED_RUN_MARGIN));
        } catch (io.smallrye.mutiny.TimeoutException e) {
            reachability.unanswered();
            throw StoreUnavailableException.outcomeUnknown(
                    "Redis did not answer a replicated " + script + " in time", e);
        }
    }

    /**
     * {@link #runReplicated} without blocking. The script, a write of the tenant's replication mark and
     * {@code WAIT replicas timeout} go as one pipeline on one connection, to the node that holds the tenant's slot:
     * {@code WAIT} confirms every write that connection made, and the mark makes sure there is one after the script
     * even when the script only read (an Idempotency-Key replay, a duplicate event — whose first answer may have been
     * this very timeout, so it must be confirmed again). Had a fail-over happened before the pipeline, its
     * connection leads to the old primary, which refuses the mark (READONLY, MOVED) or does not answer: never a
     * confirmation the new primary did not give.
     */
    public Uni<Response> runReplicatedAsync(LuaScript script, TenantKeys tenant, List<String> keys, List<String> args) {
        if (replicaAcks == 0) {
            return runAsync(script, tenant, keys, args);
        }
        LoadedScript loaded = scripts.get(script);
        List<String> command = command(loaded.sha(), tenant, keys, args);
        return admitted(
                        "EVALSHA",
                        () -> replicatedBatch("EVALSHA", command, tenant)
                                .onFailure(e -> String.valueOf(e.getMessage()).contains("NOSCRIPT"))
                                .recoverWithUni(() -> {
                                    command.set(0, loaded.text());
                                    return replicatedBatch("EVAL", command, tenant);
                                }))
                .onFailure()
                .transform(e -> e instanceof ReplicasNotConfirmedException ? e : unavailable("EVALSHA", e))
                .map(replies -> {
                    long confirmed = replies.get(2).toLong();
                    if (confirmed < replicaAcks) {
                        throw new ReplicasNotConfirmedException(replicaAcks, confirmed);
                    }
                    return replies.get(0);
                });
    }

    private Uni<List<Response>> replicatedBatch(String eval, List<String> command, TenantKeys tenant) {
        Request script = Request.cmd(Command.create(eval));
        command.forEach(script::arg);
        Request mark = Request.cmd(Command.SET)
                .arg(tenant.replicationMark())
                .arg(Long.toString(System.currentTimeMillis()))
                .arg("PX")
                .arg(Long.toString(REPLICATION_MARK_TTL.toMillis()));
        Request wait = Request.cmd(Command.WAIT)
                .arg(Integer.toString(replicaAcks))
                .arg(Long.toString(replicaAckTimeout.toMillis()));
        return reactive.getRedis().batch(List.of(script, mark, wait));
    }

    /** Runs a plain Redis command without blocking. */
    public Uni<Response> commandAsync(String name, String... args) {
        return admitted(name, () -> reactive.execute(name, args)).onFailure().transform(e -> unavailable(name, e));
    }

    /**
     * A call that goes to Redis only while {@link RedisReachability} has not seen it away (else it fails at once with
     * {@link StoreUnavailableException}), and that tells it when Redis answered.
     */
    private <T> Uni<T> admitted(String command, Supplier<Uni<T>> call) {
        return Uni.createFrom()
                .deferred(() -> {
                    reachability.admit(command);
                    return call.get();
                })
                .invoke(reachability::answered);
    }

    private static List<String> command(String script, TenantKeys tenant, List<String> keys, List<String> args) {
        List<String> command = new ArrayList<>(keys.size() + args.size() + 4);
        command.add(script);
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.add(tenant.prefix());
        command.add(tenant.tenant());
        command.addAll(args);
        return command;
    }

    /** Runs a plain Redis command (reads that need no atomicity with anything else). */
    public Response command(String name, String... args) {
        return execute(name, List.of(args));
    }

    private Response execute(String name, List<String> args) {
        reachability.admit(name);
        try {
            Response response = redis.execute(name, args.toArray(String[]::new));
            reachability.answered();
            return response;
        } catch (RuntimeException e) {
            Throwable mapped = unavailable(name, e);
            if (mapped instanceof StoreUnavailableException unavailable) {
                throw unavailable;
            }
            throw e;
        }
    }

    /**
     * A {@link StoreUnavailableException} for a failure that says Redis cannot store anything now (no answer, or one
     * of {@link StoreRefusal}'s errors); other Redis errors (a bug, NOSCRIPT) as they are. A READONLY answer means
     * the connections lead to a replica (a fail-over behind the same name): they are dropped so that new ones resolve
     * the name again and reach the new primary.
     */
    private Throwable unavailable(String command, Throwable e) {
        if (e instanceof StoreUnavailableException notSent) {
            return notSent;
        }
        if (!isRedisReply(e)) {
            reachability.unanswered();
            String message = "Redis did not answer " + command + ": " + e.getMessage();
            return neverSent(e)
                    ? new StoreUnavailableException(message, e)
                    : StoreUnavailableException.outcomeUnknown(message, e);
        }
        reachability.answered();
        Optional<StoreRefusal> refusal = StoreRefusal.of(redisError(e));
        if (refusal.isEmpty()) {
            return e;
        }
        if (refusal.get() == StoreRefusal.READONLY) {
            stale.dropAll();
        }
        return new StoreUnavailableException("Redis refused " + command + ": " + e.getMessage(), e);
    }

    /** No connection could be made: the command never left. */
    private static boolean neverSent(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return true;
            }
        }
        return false;
    }

    /** The error Redis answered with, as Redis wrote it. */
    static String redisError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (isAnswerOfRedis(t)) {
                return t.getMessage();
            }
        }
        return null;
    }

    /** Redis answered with an error (a bug or NOSCRIPT), as opposed to not answering at all. */
    private static boolean isRedisReply(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (isAnswerOfRedis(t)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The client reports a connection that closed under a waiting command with an error reply it made up itself,
     * {@code CONNECTION_CLOSED} (a primary dying in a fail-over, a cut proxy): Redis did not answer that.
     */
    private static boolean isAnswerOfRedis(Throwable t) {
        return t instanceof io.vertx.redis.client.impl.types.ErrorType
                && !String.valueOf(t.getMessage()).startsWith(CONNECTION_CLOSED);
    }

    private static String read(String resource) {
        try (InputStream in = RedisScripts.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing script resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record LoadedScript(String text, String sha) {
        static LoadedScript of(String text) {
            return new LoadedScript(text, Sha1.hex(text));
        }
    }
}
