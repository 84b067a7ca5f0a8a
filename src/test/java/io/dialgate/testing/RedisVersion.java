package io.dialgate.testing;

/** Reads the version of a redis-server from its {@code INFO server} answer. */
final class RedisVersion {

    private RedisVersion() {}

    static int major(String infoServer) {
        for (String line : infoServer.split("\r?\n")) {
            if (line.startsWith("redis_version:")) {
                String version = line.substring("redis_version:".length()).trim();
                return Integer.parseInt(version.substring(0, version.indexOf('.')));
            }
        }
        throw new IllegalStateException("INFO server without redis_version");
    }
}
