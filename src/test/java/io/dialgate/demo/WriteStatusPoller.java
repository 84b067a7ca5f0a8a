package io.dialgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Follows the writes dialgate accepted through {@code GET /v1/tenants/{t}/writes/{id}}, as a CRM would. Only writes
 * not yet APPLIED or FAILED are asked about, a bounded number per round, so following them does not load dialgate
 * more than the writes themselves do.
 */
public final class WriteStatusPoller implements AutoCloseable {

    /** dialgate's write states. */
    public enum State {
        QUEUED,
        HELD,
        IN_FLIGHT,
        APPLIED,
        FAILED,
        UNKNOWN
    }

    /** The last status seen of one write; {@code lastErrorStatus} is 0 when there was no error. */
    public record Status(State state, int attempts, int lastErrorStatus) {
        boolean terminal() {
            return state == State.APPLIED || state == State.FAILED;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final DialgateWritePath writes;
    private final String statusUrl;
    private final String crmToken;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ExecutorService pollers = Executors.newFixedThreadPool(4, r -> {
        Thread thread = new Thread(r, "write-status-poller");
        thread.setDaemon(true);
        return thread;
    });
    /** writeId to its last seen status. */
    private final Map<String, Status> statuses = new ConcurrentHashMap<>();

    public WriteStatusPoller(DialgateWritePath writes, String dialgateUrl, String tenant, String crmToken) {
        this.writes = writes;
        this.statusUrl = dialgateUrl + "/v1/tenants/" + tenant + "/writes/";
        this.crmToken = crmToken;
    }

    /** Asks about at most {@code budget} unfinished writes, oldest first; returns how many are still unfinished. */
    public int pollRound(int budget) throws InterruptedException {
        List<String> open = unfinished();
        List<Future<?>> calls = new ArrayList<>();
        for (String writeId : open.subList(0, Math.min(budget, open.size()))) {
            calls.add(pollers.submit(() -> poll(writeId)));
        }
        for (Future<?> call : calls) {
            try {
                call.get(5, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // one slow or failed poll leaves that write as it was; the next round asks again
            }
        }
        return unfinished().size();
    }

    /** Polls until every accepted write is APPLIED or FAILED; false when some are still open at the deadline. */
    public boolean awaitAllFinished(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pollRound(500) > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(200);
        }
        return true;
    }

    /** How many accepted writes are in each state, as last seen (never polled yet: their state in the 202). */
    public Map<State, Integer> counts() {
        Map<State, Integer> counts = new EnumMap<>(State.class);
        writes.allAccepted().values().forEach(a -> {
            Status s = statuses.get(a.writeId());
            State state = s != null ? s.state() : parse(a.state());
            counts.merge(state, 1, Integer::sum);
        });
        return counts;
    }

    /** Last seen statuses, by write id. */
    public Map<String, Status> statuses() {
        return Map.copyOf(statuses);
    }

    private List<String> unfinished() {
        // oldest first: write ids in the order their writes were sent
        TreeMap<Long, String> bySeq = new TreeMap<>();
        writes.allAccepted().forEach((seq, a) -> {
            Status s = statuses.get(a.writeId());
            if (s == null || !s.terminal()) {
                bySeq.put(seq, a.writeId());
            }
        });
        return new ArrayList<>(bySeq.values());
    }

    private void poll(String writeId) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(statusUrl + writeId))
                .timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + crmToken)
                .GET()
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode body = JSON.readTree(response.body());
                statuses.put(
                        writeId,
                        new Status(
                                parse(body.path("state").asText()),
                                body.path("attempts").asInt(),
                                body.path("lastError").path("status").asInt(0)));
            }
        } catch (IOException e) {
            // dialgate unreachable for a moment (or stopping): keep the last known status
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static State parse(String state) {
        try {
            return State.valueOf(state);
        } catch (IllegalArgumentException e) {
            return State.UNKNOWN;
        }
    }

    @Override
    public void close() {
        pollers.shutdownNow();
    }
}
