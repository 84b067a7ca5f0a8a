package io.dialgate.simulator;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contact store, together with which contacts the dialer has in an active dial. Both live
 * under one lock so a PUT can never slip in between "dial starts" and "contact is locked".
 */
public final class SimulatedContacts {

    private record Key(String contactListId, String contactId) {}

    /** Outcome of applying a PUT. */
    enum PutOutcome {
        UPDATED,
        NOT_FOUND,
        ACTIVE_DIAL
    }

    record PutResult(PutOutcome outcome, StoredContact contact) {}

    private final Map<Key, StoredContact> contacts = new LinkedHashMap<>();
    private final Map<Key, String> activeConversationByContact = new HashMap<>();

    SimulatedContacts() {}

    /** Seeds (or overwrites) a contact; it is callable and has no call records. */
    public synchronized StoredContact put(String contactListId, String contactId, Map<String, String> data) {
        return put(StoredContact.create(contactListId, contactId, data));
    }

    /** Seeds (or overwrites) a contact with every field chosen by the caller. */
    public synchronized StoredContact put(StoredContact contact) {
        contacts.put(new Key(contact.contactListId(), contact.id()), contact);
        return contact;
    }

    public synchronized Optional<StoredContact> get(String contactListId, String contactId) {
        return Optional.ofNullable(contacts.get(new Key(contactListId, contactId)));
    }

    /** Contacts of one list in the order they were first added. */
    public synchronized List<StoredContact> list(String contactListId) {
        return contacts.values().stream()
                .filter(c -> c.contactListId().equals(contactListId))
                .toList();
    }

    public synchronized int size() {
        return contacts.size();
    }

    /** True while the dialer has the contact between preContact and postContact. */
    public synchronized boolean isInActiveDial(String contactListId, String contactId) {
        return activeConversationByContact.containsKey(new Key(contactListId, contactId));
    }

    /**
     * Applies a validated PUT: {@code data} is replaced as a whole (Genesys does not merge);
     * {@code name}, {@code callable} and {@code phoneNumberStatus} are replaced when the body has them.
     */
    synchronized PutResult applyPut(
            String contactListId,
            String contactId,
            Map<String, String> data,
            String name,
            Boolean callable,
            Map<String, Boolean> phoneNumberStatus) {
        Key key = new Key(contactListId, contactId);
        StoredContact current = contacts.get(key);
        if (current == null) {
            return new PutResult(PutOutcome.NOT_FOUND, null);
        }
        if (activeConversationByContact.containsKey(key)) {
            return new PutResult(PutOutcome.ACTIVE_DIAL, current);
        }
        StoredContact updated = current.withData(data);
        if (name != null) {
            updated = updated.withName(name);
        }
        if (callable != null) {
            updated = updated.withCallable(callable);
        }
        if (phoneNumberStatus != null) {
            updated = updated.withPhoneNumberStatus(phoneNumberStatus);
        }
        contacts.put(key, updated);
        return new PutResult(PutOutcome.UPDATED, updated);
    }

    /** One contact of an upsert, validated: {@code callable} and {@code phoneNumberStatus} null when not given. */
    record Upsert(
            String contactId, Map<String, String> data, Boolean callable, Map<String, Boolean> phoneNumberStatus) {}

    /** The contacts written, or the first contact of the request in an active dial (then nothing was written). */
    record UpsertResult(List<StoredContact> written, Optional<String> inActiveDial) {}

    /**
     * Adds or updates every contact of one upsert, or none: a contact in an active dial refuses the whole request.
     * That is the worst case, assumed because no document says whether Genesys writes the others. An existing
     * contact's {@code data} is replaced as a whole (as by PUT); with {@code clearSystemData} its call records go and it
     * is callable again, without them they stay.
     */
    synchronized UpsertResult upsert(String contactListId, List<Upsert> upserts, boolean clearSystemData) {
        for (Upsert upsert : upserts) {
            if (activeConversationByContact.containsKey(new Key(contactListId, upsert.contactId()))) {
                return new UpsertResult(List.of(), Optional.of(upsert.contactId()));
            }
        }
        List<StoredContact> written = new java.util.ArrayList<>();
        for (Upsert upsert : upserts) {
            Key key = new Key(contactListId, upsert.contactId());
            StoredContact current = contacts.get(key);
            StoredContact updated = current == null
                    ? StoredContact.create(contactListId, upsert.contactId(), upsert.data())
                    : current.withData(upsert.data());
            if (current != null && clearSystemData) {
                updated = new StoredContact(
                        contactListId,
                        updated.id(),
                        updated.name(),
                        updated.data(),
                        true,
                        updated.phoneNumberStatus(),
                        Map.of(),
                        updated.dateCreated());
            }
            if (upsert.callable() != null) {
                updated = updated.withCallable(upsert.callable());
            }
            if (upsert.phoneNumberStatus() != null) {
                updated = updated.withPhoneNumberStatus(upsert.phoneNumberStatus());
            }
            contacts.put(key, updated);
            written.add(updated);
        }
        return new UpsertResult(List.copyOf(written), Optional.empty());
    }

    /** Locks the contact for a dial; false when another dial already holds it. */
    synchronized boolean activate(String contactListId, String contactId, String conversationId) {
        Key key = new Key(contactListId, contactId);
        if (!contacts.containsKey(key)) {
            throw new IllegalArgumentException("no contact " + contactId + " in list " + contactListId);
        }
        return activeConversationByContact.putIfAbsent(key, conversationId) == null;
    }

    /** Releases the lock taken by {@code conversationId}; a later dial's lock is left alone. */
    synchronized void deactivate(String contactListId, String contactId, String conversationId) {
        activeConversationByContact.remove(new Key(contactListId, contactId), conversationId);
    }

    synchronized void recordCallAttempt(
            String contactListId, String contactId, String column, Instant attempt, String result) {
        Key key = new Key(contactListId, contactId);
        StoredContact current = contacts.get(key);
        if (current != null && column != null) {
            contacts.put(key, current.withCallRecord(column, new CallRecord(attempt, result)));
        }
    }

    synchronized void clear() {
        contacts.clear();
        activeConversationByContact.clear();
    }
}
