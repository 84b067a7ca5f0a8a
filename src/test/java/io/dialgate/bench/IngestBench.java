package io.dialgate.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicLong;

/**
 * dialgate's events endpoint under load, next to the ceilings of the same machine in the same run: a bare Vert.x
 * HTTP server answering 202 (same load generator, same connections) and redis-benchmark on dialgate's own Redis.
 */
final class IngestBench {

    /**
     * @param connections  requests in flight in the closed-loop runs with batches of 1
     * @param openLoopRate events per second of the latency run (batches of 1)
     */
    record Setup(
            Duration warmup,
            Duration measure,
            int connections,
            int batchConnections,
            double openLoopRate,
            int redisBenchmarkRequests) {}

    /**
     * @param cpuSplit where CPU went during the batches-of-1 run: dialgate, redis-server, load generator, others
     * @param bare     the bare HTTP server's run; null when the ceilings were not measured
     */
    record Result(
            LoadGenerator.Outcome single,
            LoadGenerator.Outcome batched,
            int batchSize,
            LoadGenerator.Outcome atRate,
            double rate,
            LoadGenerator.Outcome bare,
            OptionalDouble redisSets,
            String cpuSplit,
            int connections) {

        double singleEventsPerSecond() {
            return single.perSecond();
        }

        double batchedEventsPerSecond() {
            return batched.perSecond() * batchSize;
        }

        int connectionsSingle() {
            return connections;
        }

        /** dialgate's batches-of-1 rate as a share of the bare HTTP server's, measured in the same run; 0 without it. */
        double singleShareOfBare() {
            return bare == null || bare.perSecond() <= 0 ? 0 : single.perSecond() / bare.perSecond();
        }
    }

    static final int BATCH = 100;

    private final Setup setup;
    private final EventCorpus corpus;
    /** The next event number: every request of every run gets events dialgate has never seen. */
    private final AtomicLong nextEvent;

    IngestBench(Setup setup, EventCorpus corpus, long firstEvent) {
        this.setup = setup;
        this.corpus = corpus;
        this.nextEvent = new AtomicLong(firstEvent);
    }

    /** dialgate's runs, then the bare-HTTP and Redis ceilings ({@code ceilings} false: dialgate's runs only). */
    Result run(GateTarget target, Path workDir, boolean ceilings) throws Exception {
        URI events = URI.create(target.eventsUrl());
        try (LoadGenerator load = new LoadGenerator()) {
            long redisPid = redisPid();
            double[] before = cpu(target.pid(), redisPid);
            LoadGenerator.Outcome single = load.closedLoop(
                    events,
                    target.ingestToken(),
                    n -> corpus.single(nextEvent.getAndIncrement()),
                    setup.connections(),
                    setup.warmup(),
                    setup.measure());
            double[] after = cpu(target.pid(), redisPid);
            String split = split(before, after, setup.warmup().plus(setup.measure()));
            LoadGenerator.Outcome batched = load.closedLoop(
                    events,
                    target.ingestToken(),
                    n -> corpus.batch(nextEvent.getAndAdd(BATCH) / BATCH, BATCH),
                    setup.batchConnections(),
                    setup.warmup(),
                    setup.measure());
            LoadGenerator.Outcome atRate = load.openLoop(
                    events,
                    target.ingestToken(),
                    n -> corpus.single(nextEvent.getAndIncrement()),
                    setup.openLoopRate(),
                    setup.connections(),
                    setup.warmup(),
                    setup.measure());
            if (!ceilings) {
                return new Result(
                        single,
                        batched,
                        BATCH,
                        atRate,
                        setup.openLoopRate(),
                        null,
                        OptionalDouble.empty(),
                        split,
                        setup.connections());
            }
            LoadGenerator.Outcome bare;
            try (BareHttpServer server = BareHttpServer.start(workDir.resolve("bare-http-server.log"))) {
                bare = load.closedLoop(
                        URI.create(server.url()),
                        null,
                        n -> corpus.single(n),
                        setup.connections(),
                        setup.warmup(),
                        setup.measure());
            }
            OptionalDouble redisSets = RedisBenchmark.setsPerSecond(target.redisPort(), setup.redisBenchmarkRequests());
            return new Result(
                    single, batched, BATCH, atRate, setup.openLoopRate(), bare, redisSets, split, setup.connections());
        }
    }

    /** Runs the batches-of-1 load once more, unmeasured, e.g. while a profiler records. */
    void load(GateTarget target, Duration duration) throws InterruptedException {
        try (LoadGenerator load = new LoadGenerator()) {
            load.closedLoop(
                    URI.create(target.eventsUrl()),
                    target.ingestToken(),
                    n -> corpus.single(nextEvent.getAndIncrement()),
                    setup.connections(),
                    Duration.ZERO,
                    duration);
        }
    }

    private static long redisPid() {
        return ProcessHandle.current()
                .descendants()
                .filter(p ->
                        p.info().command().map(c -> c.contains("redis-server")).orElse(false))
                .mapToLong(ProcessHandle::pid)
                .findFirst()
                .orElse(-1);
    }

    private static double[] cpu(long dialgatePid, long redisPid) {
        double all = CpuTime.everyProcess().values().stream()
                .mapToDouble(Double::doubleValue)
                .sum();
        return new double[] {
            CpuTime.seconds(dialgatePid),
            redisPid < 0 ? 0 : CpuTime.seconds(redisPid),
            CpuTime.seconds(ProcessHandle.current().pid()),
            all
        };
    }

    private static String split(double[] before, double[] after, Duration wall) {
        double seconds = wall.toMillis() / 1000.0;
        double dialgate = (after[0] - before[0]) / seconds;
        double redis = (after[1] - before[1]) / seconds;
        double generator = (after[2] - before[2]) / seconds;
        double everything = (after[3] - before[3]) / seconds;
        double others = Math.max(0, everything - dialgate - redis - generator);
        return String.format(
                "cores busy: dialgate %.2f, redis-server %.2f, load generator + bench %.2f, "
                        + "other processes %.2f (of %d)",
                dialgate, redis, generator, others, Runtime.getRuntime().availableProcessors());
    }
}
