package io.dialgate.redis;

import io.dialgate.http.StoreUnavailableException;
import io.quarkus.redis.datasource.RedisDataSource;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs dialgate's Lua scripts by SHA, sending a script's text again only when Redis has lost it (a restart or a
 * fail-over), and turns connection failures into {@link StoreUnavailableException}.
 */
@ApplicationScoped
public class RedisScripts {

    private static final String PRELUDE = "lua/prelude.lua";

    private final RedisDataSource redis;
    private final Map<LuaScript, LoadedScript> scripts = new EnumMap<>(LuaScript.class);

    public RedisScripts(RedisDataSource redis) {
        this.redis = redis;
        String prelude = read(PRELUDE);
        for (LuaScript script : LuaScript.values()) {
            scripts.put(script, LoadedScript.of(prelude + "\n" + read(script.resource())));
        }
    }

    /** Runs a script with the tenant prefix and name as its first two arguments. */
    public Response run(LuaScript script, TenantKeys tenant, List<String> keys, List<String> args) {
        LoadedScript loaded = scripts.get(script);
        List<String> command = new ArrayList<>(keys.size() + args.size() + 4);
        command.add(loaded.sha());
        command.add(Integer.toString(keys.size()));
        command.addAll(keys);
        command.add(tenant.prefix());
        command.add(tenant.tenant());
        command.addAll(args);
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

    /** Runs a plain Redis command (reads that need no atomicity with anything else). */
    public Response command(String name, String... args) {
        return execute(name, List.of(args));
    }

    private Response execute(String name, List<String> args) {
        try {
            return redis.execute(name, args.toArray(String[]::new));
        } catch (RuntimeException e) {
            if (isRedisReply(e)) {
                throw e;
            }
            throw new StoreUnavailableException("Redis did not answer " + name + ": " + e.getMessage(), e);
        }
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
