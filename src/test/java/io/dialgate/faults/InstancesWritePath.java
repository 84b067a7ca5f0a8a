package io.dialgate.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dialgate.demo.CrmWrite;
import io.dialgate.demo.WritePath;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * The CRM's writes through dialgate when it runs as several instances behind one service: each contact goes to the
 * instance of its slot (whatever process serves that slot now), one contact's writes in order on one sender thread.
 * Keeps every 202 and every other answer, so the audit knows exactly which writes dialgate took on.
 */
final class InstancesWritePath extends WritePath {

    /** A write dialgate answered 202. */
    record Accepted(long seq, String contactId, String writeId) {}

    /** Starts the answer of a write dialgate could not store and could not tell whether Redis had run it. */
    static final String OUTCOME_UNKNOWN = "outcome unknown: ";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String tenant;
    private final String crmToken;
    private final int slots;
    private final IntFunction<String> baseUrlOfSlot;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final List<ExecutorService> senders = IntStream.range(0, 16)
            .mapToObj(i -> Executors.newSingleThreadExecutor(daemonThreads("fault-crm-" + i)))
            .toList();
    private final Map<Long, Accepted> accepted = new ConcurrentHashMap<>();
    private final Map<Long, String> refused = new ConcurrentHashMap<>();

    /** @param baseUrlOfSlot the base URL of the instance serving a slot right now */
    InstancesWritePath(String tenant, String crmToken, int slots, IntFunction<String> baseUrlOfSlot) {
        this.tenant = tenant;
        this.crmToken = crmToken;
        this.slots = slots;
        this.baseUrlOfSlot = baseUrlOfSlot;
    }

    @Override
    public String name() {
        return "dialgate x" + slots;
    }

    @Override
    protected void send(CrmWrite.Sent write) {
        senders.get(Math.floorMod(write.write().contactId().hashCode(), senders.size()))
                .execute(() -> patch(write));
    }

    private void patch(CrmWrite.Sent sent) {
        CrmWrite w = sent.write();
        ObjectNode body = JSON.createObjectNode();
        w.columns().forEach(body.putObject("data")::put);
        String base = baseUrlOfSlot.apply(Math.floorMod(w.contactId().hashCode(), slots));
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/v1/tenants/" + tenant + "/contactlists/"
                        + w.contactListId() + "/contacts/" + w.contactId()))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + crmToken)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 202) {
                JsonNode answer = JSON.readTree(response.body());
                accepted.put(
                        w.seq(),
                        new Accepted(
                                w.seq(), w.contactId(), answer.path("writeId").asText()));
                offHands(sent);
                return;
            }
            refused.put(
                    w.seq(),
                    (response.body().contains("may or may not have been stored") ? OUTCOME_UNKNOWN : "")
                            + response.statusCode() + " "
                            + response.headers()
                                    .firstValue("Retry-After")
                                    .map(s -> "Retry-After " + s)
                                    .orElse("no Retry-After"));
        } catch (IOException e) {
            refused.put(w.seq(), "no answer: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            refused.put(w.seq(), "interrupted");
        }
        dropped();
    }

    Map<Long, Accepted> accepted() {
        return Map.copyOf(accepted);
    }

    /** Writes not answered 202, by sequence: the status and Retry-After, or why there was no answer. */
    Map<Long, String> refused() {
        return Map.copyOf(refused);
    }

    @Override
    public void close() {
        senders.forEach(ExecutorService::shutdownNow);
        try {
            for (ExecutorService sender : senders) {
                sender.awaitTermination(2, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
