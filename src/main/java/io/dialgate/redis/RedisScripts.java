package io.dialgate.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs dialgate's Lua scripts by SHA, sending a script's text again only when Redis has lost it (a restart or a
 * fail-over), and turns connection failures and the errors of a Redis that cannot take writes now (see
 * {@link StoreRefusal}) into {@link StoreUnavailableException}. Redis refuses a script that would write before it
 * runs anything, so such an error means nothing was stored.
 */
@ApplicationScoped
public class RedisScripts {

    /**
     * The pub/sub channel the scripts publish a tenant's name to when one of its contacts becomes ready now. Named
     * only here: {@link #source} hands it to the scripts.
     */
    public static final String WAKE_CHANNEL = "dg:wake";

    private static final String PRELUDE = "lua/prelude.lua";
    /** Queueing of outcome callbacks, shared by the scripts that make an outcome true. */
    private static final String CALLBACKS = "lua/callbacks.lua";

    private final RedisDataSource redis;
    private final ReactiveRedisDataSource reactive;
    private final Map<LuaScript, LoadedScript> scripts = new EnumMap<>(LuaScript.class);
    private final StaleConnections stale;

    @Inject
    public RedisScripts(RedisDataSource redis, ReactiveRedisDataSource reactive) {
        this(redis, reactive, new StaleConnections(redis));
    }

    RedisScripts(RedisDataSource redis, ReactiveRedisDataSource reactive, StaleConnections stale) {
        this.redis = redis;
        this.reactive = reactive;
        this.stale = stale;
        for (LuaScript script : LuaScript.values()) {
            scripts.put(script, LoadedScript.of(source(script)));
        }
    }

    /** The text Redis runs for a script: see {@link #withPrelude}. */
    static String source(LuaScript script) {
        return withPrelude(read(script.resource()));
    }

    /**
     * A script body behind the wake channel's name, {@code prelude.lua} and {@code callbacks.lua} (queueing outcome
     * callbacks), which every script builds on.
     */
    static String withPrelude(String body) {
        return "local WAKE_CHANNEL = '" + WAKE_CHANNEL + "'\n" + read(PRELUDE) + "\n" + read(CALLBACKS) + "\n" + body;
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
        return reactive.execute("EVALSHA", command.toArray(String[]::new))
                .onFailure(e -> String.valueOf(e.getMessage()).contains("NOSCRIPT"))
                .recoverWithUni(() -> {
                    command.set(0, loaded.text());
                    return reactive.execute("EVAL", command.toArray(String[]::new));
                })
                .onFailure()
                .transform(e -> unavailable("EVALSHA", e));
    }

    /** Runs a plain Redis command without blocking. */
    public Uni<Response> commandAsync(String name, String... args) {
        return reactive.execute(name, args).onFailure().transform(e -> unavailable(name, e));
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
        try {
            return redis.execute(name, args.toArray(String[]::new));
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
        if (!isRedisReply(e)) {
            return new StoreUnavailableException("Redis did not answer " + command + ": " + e.getMessage(), e);
        }
        Optional<StoreRefusal> refusal = StoreRefusal.of(redisError(e));
        if (refusal.isEmpty()) {
            return e;
        }
        if (refusal.get() == StoreRefusal.READONLY) {
            stale.dropAll();
        }
        return new StoreUnavailableException("Redis refused " + command + ": " + e.getMessage(), e);
    }

    /** The error Redis answered with, as Redis wrote it. */
    static String redisError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.redis.client.impl.types.ErrorType) {
                return t.getMessage();
            }
        }
        return null;
    }

    /** Redis answered with an error (a bug or NOSCRIPT), as opposed to not answering at all. */
    private static boolean isRedisReply(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof io.vertx.redis.client.impl.types.ErrorType) {
                return true;
            }
        }
        return false;
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
