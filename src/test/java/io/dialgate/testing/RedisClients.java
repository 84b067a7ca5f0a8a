package io.dialgate.testing;

import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.quarkus.redis.runtime.datasource.ReactiveRedisDataSourceImpl;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.redis.client.RedisOptions;

import java.time.Duration;

/**
 * The Quarkus Redis data sources dialgate's Redis classes take, built outside Quarkus on one Vert.x Redis client: for
 * the tests that run dialgate's scripts straight against a real {@code redis-server}, with no application around them.
 * Closing it closes the client (and its connection pool).
 */
public final class RedisClients implements AutoCloseable {

    private final Redis client;
    private final ReactiveRedisDataSourceImpl reactive;
    private final BlockingRedisDataSourceImpl blocking;

    /** Clients of the Redis at {@code uri}; a blocking call waits at most {@code timeout} for its answer. */
    public static RedisClients connect(Vertx vertx, String uri, Duration timeout) {
        Redis client = Redis.createClient(vertx, new RedisOptions().setConnectionString(uri));
        return new RedisClients(vertx, client, timeout);
    }

    private RedisClients(Vertx vertx, Redis client, Duration timeout) {
        this.client = client;
        this.reactive = new ReactiveRedisDataSourceImpl(vertx, client, RedisAPI.api(client));
        this.blocking = new BlockingRedisDataSourceImpl(reactive, timeout);
    }

    public ReactiveRedisDataSourceImpl reactive() {
        return reactive;
    }

    public BlockingRedisDataSourceImpl blocking() {
        return blocking;
    }

    @Override
    public void close() {
        client.close();
    }
}
