package io.dialgate.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/** Writes through dialgate: {@code PATCH /v1/tenants/{t}/contactlists/{l}/contacts/{c}} with only the changed columns. */
public final class DialgateWritePath extends WritePath {

    /** dialgate's 202 for one write: its id and where it went first (QUEUED or HELD). */
    public record Accepted(String writeId, String state) {}

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String writesUrl;
    private final String crmToken;
    private final boolean replace;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    /**
     * 16 senders, each a single thread, a contact always on the same one: writes to different contacts go out in
     * parallel, while one contact's writes reach dialgate in the order the CRM made them — otherwise two of them could
     * overtake each other in flight, and "the CRM's last word" would not be the one dialgate accepted last.
     */
    private final List<ExecutorService> senders = IntStream.range(0, 16)
            .mapToObj(i -> Executors.newSingleThreadExecutor(daemonThreads("crm-to-dialgate-" + i)))
            .toList();

    private final Map<Long, Accepted> accepted = new ConcurrentHashMap<>();
    private final AtomicInteger refused = new AtomicInteger();

    /** Merge mode: only the changed columns; dialgate reads the contact and PUTs it back with them set. */
    public DialgateWritePath(String dialgateUrl, String tenant, String crmToken) {
        this(dialgateUrl, tenant, crmToken, false);
    }

    /**
     * @param replace true: the CRM's whole record with {@code "mode": "replace"}, which dialgate PUTs without reading
     *                the contact first (one Genesys call per apply instead of two)
     */
    public DialgateWritePath(String dialgateUrl, String tenant, String crmToken, boolean replace) {
        this.writesUrl = dialgateUrl + "/v1/tenants/" + tenant + "/contactlists/";
        this.crmToken = crmToken;
        this.replace = replace;
    }

    @Override
    public String name() {
        return replace ? "dialgate (replace)" : "dialgate";
    }

    @Override
    protected void send(CrmWrite.Sent write) {
        senders.get(Math.floorMod(write.write().contactId().hashCode(), senders.size()))
                .execute(() -> patch(write));
    }

    private void patch(CrmWrite.Sent sent) {
        CrmWrite w = sent.write();
        ObjectNode body = JSON.createObjectNode();
        ObjectNode data = body.putObject("data");
        (replace ? w.fullRecord() : w.columns()).forEach(data::put);
        if (replace) {
            body.put("mode", "replace");
        }
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create(writesUrl + w.contactListId() + "/contacts/" + w.contactId()))
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
                                answer.path("writeId").asText(),
                                answer.path("state").asText()));
                offHands(sent);
            } else {
                refused.incrementAndGet();
                dropped();
            }
        } catch (IOException e) {
            refused.incrementAndGet();
            dropped();
        } catch (InterruptedException e) {
            dropped();
            Thread.currentThread().interrupt();
        }
    }

    /** The 202 answer of a write, by its sequence number; null if it was not (yet) accepted. */
    public Accepted accepted(long seq) {
        return accepted.get(seq);
    }

    public Map<Long, Accepted> allAccepted() {
        return Map.copyOf(accepted);
    }

    /** Writes dialgate did not answer with 202 (or not at all). */
    public int refused() {
        return refused.get();
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
