package io.dialgate.bench;

import java.util.OptionalDouble;

/**
 * The Redis ceiling on this machine in this run: {@code redis-benchmark} (Debian package redis-tools) against the very
 * redis-server dialgate uses, SET with 50 clients and no pipelining, as dialgate issues its commands one at a time.
 */
final class RedisBenchmark {

    static final String HOW_TO_GET = "redis-benchmark not found: sudo apt-get install redis-tools (Debian/Ubuntu)";

    private RedisBenchmark() {}

    /** SET requests per second, or empty when redis-benchmark is not installed or failed. */
    static OptionalDouble setsPerSecond(int port, int requests) {
        return ExternalTool.find("redis-benchmark")
                .map(tool -> {
                    try {
                        String csv = tool.run(
                                120,
                                "-h",
                                "127.0.0.1",
                                "-p",
                                Integer.toString(port),
                                "-t",
                                "set",
                                "-n",
                                Integer.toString(requests),
                                "-c",
                                "50",
                                "--csv");
                        for (String line : csv.split("\n")) {
                            if (line.startsWith("\"SET\"")) {
                                return OptionalDouble.of(Double.parseDouble(line.split(",")[1].replace("\"", "")));
                            }
                        }
                        return OptionalDouble.empty();
                    } catch (Exception e) {
                        return OptionalDouble.empty();
                    }
                })
                .orElse(OptionalDouble.empty());
    }
}
