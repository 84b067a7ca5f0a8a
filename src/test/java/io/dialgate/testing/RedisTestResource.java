package io.dialgate.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Starts a real redis-server for the Quarkus tests and points {@code quarkus.redis.hosts} at it. */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private RedisProcess redis;

    @Override
    public Map<String, String> start() {
        redis = RedisProcess.start();
        return Map.of("quarkus.redis.hosts", redis.uri());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(
                redis, new TestInjector.AnnotatedAndMatchesType(InjectRedisProcess.class, RedisProcess.class));
    }

    @Override
    public void stop() {
        if (redis != null) {
            redis.close();
        }
    }
}
