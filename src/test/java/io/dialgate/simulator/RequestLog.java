package io.dialgate.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Every request and every contact write the simulator received, in the order they were answered: PUTs, and each contact
 * of an upsert (also kept whole in {@link #upserts()}).
 */
public final class RequestLog {

    private final List<RecordedRequest> requests = new ArrayList<>();
    private final List<RecordedPut> puts = new ArrayList<>();
    private final List<Consumer<RecordedPut>> putObservers = new CopyOnWriteArrayList<>();
    private final List<RecordedUpsert> upserts = new ArrayList<>();

    RequestLog() {}

    synchronized void record(RecordedRequest request) {
        requests.add(request);
    }

    void recordPut(RecordedPut put) {
        synchronized (this) {
            puts.add(put);
        }
        putObservers.forEach(observer -> observer.accept(put));
    }

    /**
     * Calls {@code observer} with each PUT once its answer is decided and before it is sent, on the thread that
     * answers it: what the caller holds while its PUT is out can still be looked at.
     */
    public void observePuts(Consumer<RecordedPut> observer) {
        putObservers.add(observer);
    }

    synchronized void recordUpsert(RecordedUpsert upsert) {
        upserts.add(upsert);
    }

    /** Every upsert, in the order they were answered. */
    public synchronized List<RecordedUpsert> upserts() {
        return List.copyOf(upserts);
    }

    public synchronized List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public synchronized List<RecordedRequest> requests(Predicate<RecordedRequest> filter) {
        return requests.stream().filter(filter).toList();
    }

    public synchronized List<RecordedPut> puts() {
        return List.copyOf(puts);
    }

    public synchronized List<RecordedPut> puts(String contactListId, String contactId) {
        return puts.stream()
                .filter(p ->
                        Objects.equals(p.contactListId(), contactListId) && Objects.equals(p.contactId(), contactId))
                .toList();
    }

    /**
     * The largest number of requests of {@code clientId} (any kind, any answer, 429s included) that
     * arrived within any span of {@code window}; a client respecting an N-per-window limit keeps this at most N.
     */
    public int maxRequestsInAnyWindow(String clientId, Duration window) {
        long[] arrivals = requests(r -> Objects.equals(clientId, r.clientId())).stream()
                .mapToLong(RecordedRequest::arrivalNanos)
                .sorted()
                .toArray();
        long windowNanos = window.toNanos();
        int max = 0;
        int start = 0;
        for (int end = 0; end < arrivals.length; end++) {
            while (arrivals[end] - arrivals[start] >= windowNanos) {
                start++;
            }
            max = Math.max(max, end - start + 1);
        }
        return max;
    }

    synchronized void clear() {
        requests.clear();
        puts.clear();
        upserts.clear();
    }
}
