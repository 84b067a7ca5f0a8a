package io.dialgate.bench;

import io.dialgate.demo.LatencyRecorder;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongFunction;

/**
 * An HTTP load generator on Vert.x (one event loop, keep-alive connections) with HdrHistogram latencies. Two modes:
 * closed loop (N requests always in flight: the most the server sustains) and open loop (a fixed arrival rate;
 * latency counted from when each request was due, so a stalled server is not hidden by requests that were never sent).
 */
final class LoadGenerator implements AutoCloseable {

    /** What one measured window saw; latencies only of requests that completed inside the window. */
    record Outcome(long requests, long failures, double perSecond, LatencyRecorder latency, double seconds) {

        double failuresPerSecond() {
            return failures / seconds;
        }
    }

    private final Vertx vertx =
            Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));

    /** Keeps {@code connections} requests in flight for {@code warmup + measure}; counts only the measure window. */
    Outcome closedLoop(
            URI url, String bearer, LongFunction<Buffer> bodies, int connections, Duration warmup, Duration measure)
            throws InterruptedException {
        HttpClient client = client(url, connections);
        Window window = new Window(warmup, measure);
        AtomicLong next = new AtomicLong();
        CountDownLatch done = new CountDownLatch(connections);
        for (int i = 0; i < connections; i++) {
            vertx.runOnContext(v -> sendLoop(client, url, bearer, bodies, next, window, done));
        }
        done.await(warmup.plus(measure).toSeconds() + 30, TimeUnit.SECONDS);
        client.close();
        return window.outcome();
    }

    private void sendLoop(
            HttpClient client,
            URI url,
            String bearer,
            LongFunction<Buffer> bodies,
            AtomicLong next,
            Window window,
            CountDownLatch done) {
        if (window.over()) {
            done.countDown();
            return;
        }
        long began = System.nanoTime();
        send(client, url, bearer, bodies.apply(next.getAndIncrement()), ok -> {
            window.complete(began, System.nanoTime(), ok);
            sendLoop(client, url, bearer, bodies, next, window, done);
        });
    }

    /** Sends {@code perSecond} requests a second, whatever the answers; latency from each request's due time. */
    Outcome openLoop(
            URI url,
            String bearer,
            LongFunction<Buffer> bodies,
            double perSecond,
            int connections,
            Duration warmup,
            Duration measure)
            throws InterruptedException {
        HttpClient client = client(url, connections);
        Window window = new Window(warmup, measure);
        AtomicLong sent = new AtomicLong();
        AtomicLong inFlight = new AtomicLong();
        long start = System.nanoTime();
        double perNano = perSecond / 1e9;
        long timer = vertx.setPeriodic(1, id -> {
            long now = System.nanoTime();
            long due = window.over() ? sent.get() : (long) ((now - start) * perNano);
            while (sent.get() < due) {
                long n = sent.getAndIncrement();
                long intended = start + (long) (n / perNano);
                inFlight.incrementAndGet();
                send(client, url, bearer, bodies.apply(n), ok -> {
                    window.complete(intended, System.nanoTime(), ok);
                    inFlight.decrementAndGet();
                });
            }
        });
        Thread.sleep(warmup.plus(measure).toMillis());
        vertx.cancelTimer(timer);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        client.close();
        return window.outcome();
    }

    private HttpClient client(URI url, int connections) {
        return vertx.createHttpClient(
                new HttpClientOptions()
                        .setDefaultHost(url.getHost())
                        .setDefaultPort(url.getPort())
                        .setKeepAlive(true)
                        .setConnectTimeout(5_000),
                new PoolOptions().setHttp1MaxSize(connections).setMaxWaitQueueSize(-1));
    }

    private static void send(
            HttpClient client, URI url, String bearer, Buffer body, java.util.function.Consumer<Boolean> answered) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setURI(url.getRawPath())
                .putHeader("Content-Type", "application/json")
                .setTimeout(30_000);
        if (bearer != null) {
            options.putHeader("Authorization", "Bearer " + bearer);
        }
        client.request(options)
                .compose(request -> request.send(body))
                .compose(response -> response.body().map(b -> response.statusCode() / 100 == 2))
                .onComplete(ar -> answered.accept(ar.succeeded() && ar.result()));
    }

    @Override
    public void close() {
        vertx.close()
                .toCompletionStage()
                .toCompletableFuture()
                .orTimeout(10, TimeUnit.SECONDS)
                .join();
    }

    /** Counts what completes between warm-up end and measure end. */
    private static final class Window {
        private final long from;
        private final long to;
        private final long measureNanos;
        private final LatencyRecorder latency = new LatencyRecorder();
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong failures = new AtomicLong();

        Window(Duration warmup, Duration measure) {
            this.from = System.nanoTime() + warmup.toNanos();
            this.to = from + measure.toNanos();
            this.measureNanos = measure.toNanos();
        }

        boolean over() {
            return System.nanoTime() >= to;
        }

        void complete(long began, long ended, boolean ok) {
            if (ended < from || ended >= to) {
                return;
            }
            if (ok) {
                requests.incrementAndGet();
                latency.recordNanos(ended - began);
            } else {
                failures.incrementAndGet();
            }
        }

        Outcome outcome() {
            return new Outcome(
                    requests.get(), failures.get(), requests.get() * 1e9 / measureNanos, latency, measureNanos / 1e9);
        }
    }
}
