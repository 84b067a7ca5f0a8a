package io.dialgate.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The load of the capacity runs, at fixed rates: dials (their four events, each posted alone, as EventBridge and a
 * data action deliver them), CRM writes ({@code PATCH}, one contact each), and contacts put into a dial in bulk before
 * a measurement. Counts what it sent and what was refused; the capacity model is fed these counts, never Redis's.
 *
 * <p>Contacts are named by a dial number as {@link EventCorpus} names them: dial {@code n} is contact
 * {@code contactId(n)} on conversation {@code n}, so a range of numbers is a range of contacts no one else touches.
 */
final class CapacityTraffic implements AutoCloseable {

    /** Dial timing: customer.end this long after the dial starts, postContact {@code wrapUp} later. */
    record DialTiming(Duration talk, Duration wrapUp) {}

    private static final Pattern COUNT = Pattern.compile("\"(queued|inFlight)\"\\s*:\\s*(\\d+)");

    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(4, r -> daemon(r, "capacity-http")))
            .build();
    private final ScheduledExecutorService clock =
            Executors.newScheduledThreadPool(2, r -> daemon(r, "capacity-clock"));
    private final Semaphore inFlight = new Semaphore(128);
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong eventsSent = new AtomicLong();
    private final AtomicLong writesSent = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final EventCorpus corpus;

    CapacityTraffic(EventCorpus corpus) {
        this.corpus = corpus;
    }

    long eventsSent() {
        return eventsSent.get();
    }

    long writesSent() {
        return writesSent.get();
    }

    long refused() {
        return refused.get();
    }

    /**
     * Puts contacts {@code first .. first+count-1} into a dial (preContact and the outbound conversation event), 50
     * dials to a request, and waits for the answers. Setup, not a measured rate.
     */
    void enterDials(GateTarget target, long first, int count) {
        for (long d = first; d < first + count; d += 50) {
            int n = (int) Math.min(50, first + count - d);
            send(events(target, corpus.activeDials(d, n)), 2L * n, eventsSent).join();
        }
    }

    /**
     * Dials {@code first .. first+count-1}, started {@code perSecond} a second from now: preContact then outbound at
     * the start, customer.end after the talk, postContact after the wrap-up. Each event is a request of its own.
     */
    void dial(GateTarget target, long first, int count, double perSecond, DialTiming timing) {
        dial(target, first, count, perSecond, timing, 0);
    }

    /**
     * As {@link #dial(GateTarget, long, int, double, DialTiming)}, the first dial {@code offsetFraction} of an
     * interval late: tenants loaded together are spread over each interval instead of all sending at the same
     * instant (synchronised bursts let Redis and dialgate serve several requests per wake-up, which no real
     * arrival pattern at these rates does, and made the check cheaper per operation than the calibration).
     */
    void dial(GateTarget target, long first, int count, double perSecond, DialTiming timing, double offsetFraction) {
        for (int i = 0; i < count; i++) {
            long dial = first + i;
            long at = Math.round((i + offsetFraction) * 1_000_000.0 / perSecond);
            pending.addAndGet(2);
            clock.schedule(
                    () -> send(event(target, dial * 4), 1, eventsSent)
                            .thenCompose(x -> send(event(target, dial * 4 + 1), 1, eventsSent))
                            .whenComplete((x, e) -> pending.decrementAndGet()),
                    at,
                    TimeUnit.MICROSECONDS);
            long end = at + timing.talk().toNanos() / 1000;
            clock.schedule(
                    () -> send(event(target, dial * 4 + 2), 1, eventsSent)
                            .whenComplete((x, e) -> pending.decrementAndGet()),
                    end,
                    TimeUnit.MICROSECONDS);
            pending.incrementAndGet();
            clock.schedule(
                    () -> send(event(target, dial * 4 + 3), 1, eventsSent)
                            .whenComplete((x, e) -> pending.decrementAndGet()),
                    end + timing.wrapUp().toNanos() / 1000,
                    TimeUnit.MICROSECONDS);
        }
    }

    /** One CRM write to each of contacts {@code first .. first+count-1}, {@code perSecond} a second from now. */
    void write(GateTarget target, long first, int count, double perSecond, String round) {
        write(target, first, count, perSecond, round, 0);
    }

    /** As {@link #write(GateTarget, long, int, double, String)}, the first write {@code offsetFraction} of an interval late. */
    void write(GateTarget target, long first, int count, double perSecond, String round, double offsetFraction) {
        for (int i = 0; i < count; i++) {
            long contact = first + i;
            pending.incrementAndGet();
            clock.schedule(
                    () -> send(patch(target, contact, round), 1, writesSent)
                            .whenComplete((x, e) -> pending.decrementAndGet()),
                    Math.round((i + offsetFraction) * 1_000_000.0 / perSecond),
                    TimeUnit.MICROSECONDS);
        }
    }

    /** Waits until everything scheduled has been sent and answered. */
    void awaitSent(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending.get() > 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        pending.get() + " requests still unsent or unanswered after " + timeout);
            }
            Thread.sleep(20);
        }
    }

    /** Waits until none of the tenant's writes is queued or in flight (held ones wait for their dials). */
    void awaitApplied(GateTarget target, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest stats = HttpRequest.newBuilder(
                        URI.create(target.baseUrl() + "/v1/tenants/" + target.tenant() + "/stats"))
                .header("Authorization", "Bearer " + target.crmToken())
                .build();
        while (System.nanoTime() < deadline) {
            String body = http.send(stats, HttpResponse.BodyHandlers.ofString()).body();
            Matcher m = COUNT.matcher(body);
            long open = 0;
            int seen = 0;
            while (m.find()) {
                open += Long.parseLong(m.group(2));
                seen++;
            }
            if (seen == 2 && open == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException(target.tenant() + " still had writes to apply after " + timeout);
    }

    private HttpRequest event(GateTarget target, long n) {
        return events(target, corpus.event(n));
    }

    private static HttpRequest events(GateTarget target, String body) {
        return HttpRequest.newBuilder(URI.create(target.eventsUrl()))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + target.ingestToken())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private static HttpRequest patch(GateTarget target, long contact, String round) {
        String url = target.baseUrl() + "/v1/tenants/" + target.tenant() + "/contactlists/" + EventCorpus.LIST
                + "/contacts/" + EventCorpus.contactId(contact);
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + target.crmToken())
                .header("Content-Type", "application/json")
                .method(
                        "PATCH",
                        HttpRequest.BodyPublishers.ofString(
                                "{\"data\":{\"crm_status\":\"" + round + "\",\"crm_note\":\"w" + contact + "\"}}"))
                .build();
    }

    private CompletableFuture<Void> send(HttpRequest request, long count, AtomicLong sent) {
        inFlight.acquireUninterruptibly();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).handle((response, failure) -> {
            inFlight.release();
            if (failure == null && response.statusCode() == 202) {
                sent.addAndGet(count);
            } else {
                refused.addAndGet(count);
            }
            return null;
        });
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        clock.shutdownNow();
    }
}
