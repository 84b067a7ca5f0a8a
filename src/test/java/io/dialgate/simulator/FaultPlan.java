package io.dialgate.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Scripted answers and added latency. Scripted answers are consumed first-in first-out by the
 * next request of the same kind (token, GET, PUT, bulk read or upsert), optionally only by a request for one contact id
 * (or, for a token, of one OAuth client); standing refusals ({@link #refuseUpsertsOf}) answer every upsert carrying a
 * contact until cleared.
 * API requests must still carry a valid token to reach a scripted answer, and every request is
 * counted by the rate limit before a scripted answer is taken, as it would be upstream.
 */
public final class FaultPlan {

    /** The kinds of request a scripted answer can target. */
    public enum Operation {
        TOKEN,
        GET_CONTACT,
        PUT_CONTACT,
        BULK_READ,
        UPSERT
    }

    private record Entry(Operation operation, String contactId, ScriptedResponse response) {}

    /** A data value the contact list does not take in a column (its contact-validation rule). */
    public record RefusedValue(String column, String value) {}

    private final List<Entry> entries = new ArrayList<>();
    private final List<RefusedValue> refusedValues = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Map<String, ScriptedResponse> refusedInUpserts = new HashMap<>();
    private volatile LatencyPolicy latency = LatencyPolicy.NONE;

    FaultPlan() {}

    public FaultPlan nextToken(int status, Map<String, String> headers, String bodyJson) {
        return nextToken(ScriptedResponse.of(status, headers, bodyJson));
    }

    public FaultPlan nextToken(ScriptedResponse response) {
        return add(Operation.TOKEN, null, response);
    }

    /** Scripted answer for the next token request of the OAuth client {@code clientId} only. */
    public FaultPlan nextToken(String clientId, ScriptedResponse response) {
        return add(Operation.TOKEN, Objects.requireNonNull(clientId), response);
    }

    public FaultPlan nextGet(int status, Map<String, String> headers, String bodyJson) {
        return nextGet(ScriptedResponse.of(status, headers, bodyJson));
    }

    public FaultPlan nextGet(ScriptedResponse response) {
        return add(Operation.GET_CONTACT, null, response);
    }

    /** Scripted answer for the next GET of {@code contactId} only. */
    public FaultPlan nextGet(String contactId, ScriptedResponse response) {
        return add(Operation.GET_CONTACT, Objects.requireNonNull(contactId), response);
    }

    public FaultPlan nextPut(int status, Map<String, String> headers, String bodyJson) {
        return nextPut(ScriptedResponse.of(status, headers, bodyJson));
    }

    public FaultPlan nextPut(ScriptedResponse response) {
        return add(Operation.PUT_CONTACT, null, response);
    }

    /** Scripted answer for the next PUT of {@code contactId} only. */
    public FaultPlan nextPut(String contactId, ScriptedResponse response) {
        return add(Operation.PUT_CONTACT, Objects.requireNonNull(contactId), response);
    }

    /** Scripted answer for the next bulk read (of any contacts). */
    public FaultPlan nextBulkRead(ScriptedResponse response) {
        return add(Operation.BULK_READ, null, response);
    }

    /** Scripted answer for the next upsert (of any contacts). */
    public FaultPlan nextUpsert(ScriptedResponse response) {
        return add(Operation.UPSERT, null, response);
    }

    /**
     * Every upsert carrying {@code contactId} is refused as a whole with {@code response} until {@link #clear()}: a
     * contact Genesys will not take (a 400 for its columns, say), in the worst case where it refuses its whole request.
     */
    public synchronized FaultPlan refuseUpsertsOf(String contactId, ScriptedResponse response) {
        refusedInUpserts.put(Objects.requireNonNull(contactId), Objects.requireNonNull(response));
        return this;
    }

    /** The standing refusal of the first of these contacts that has one. */
    synchronized Optional<ScriptedResponse> upsertRefusal(List<String> contactIds) {
        return contactIds.stream()
                .map(refusedInUpserts::get)
                .filter(Objects::nonNull)
                .findFirst();
    }

    /** Adds the same latency to every request. */
    public FaultPlan latency(Duration fixed) {
        this.latency = LatencyPolicy.fixed(fixed);
        return this;
    }

    /** Decides the added latency per request. */
    public FaultPlan latency(LatencyPolicy policy) {
        this.latency = Objects.requireNonNull(policy);
        return this;
    }

    /**
     * From now on every PUT whose {@code data} has {@code value} in {@code column} is refused with 400, as a contact
     * list's column rules refuse a value, until {@link #acceptValue} or {@link #clear}.
     */
    public FaultPlan refuseValue(String column, String value) {
        refusedValues.add(new RefusedValue(Objects.requireNonNull(column), Objects.requireNonNull(value)));
        return this;
    }

    /** The column takes {@code value} again (the list's rule was fixed). */
    public FaultPlan acceptValue(String column, String value) {
        refusedValues.remove(new RefusedValue(column, value));
        return this;
    }

    /** The first refused value the given PUT data carries. */
    Optional<RefusedValue> refusedIn(Map<String, String> data) {
        return refusedValues.stream()
                .filter(refused -> refused.value().equals(data.get(refused.column())))
                .findFirst();
    }

    /** Scripted answers not consumed yet. */
    public synchronized int pending() {
        return entries.size();
    }

    public synchronized void clear() {
        entries.clear();
        refusedValues.clear();
        refusedInUpserts.clear();
        latency = LatencyPolicy.NONE;
    }

    private synchronized FaultPlan add(Operation operation, String contactId, ScriptedResponse response) {
        entries.add(new Entry(operation, contactId, Objects.requireNonNull(response)));
        return this;
    }

    synchronized Optional<ScriptedResponse> take(Operation operation, String contactId) {
        for (Iterator<Entry> it = entries.iterator(); it.hasNext(); ) {
            Entry entry = it.next();
            if (entry.operation() == operation
                    && (entry.contactId() == null || entry.contactId().equals(contactId))) {
                it.remove();
                return Optional.of(entry.response());
            }
        }
        return Optional.empty();
    }

    Duration latencyFor(String method, String path) {
        Duration d = latency.latencyFor(method, path);
        return d == null || d.isNegative() ? Duration.ZERO : d;
    }

    /** Waits out an injected delay; an interrupt ends the wait early but is kept for the caller. */
    static void pause(Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            return;
        }
        try {
            Thread.sleep(delay.toMillis(), (int) (delay.toNanos() % 1_000_000));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
