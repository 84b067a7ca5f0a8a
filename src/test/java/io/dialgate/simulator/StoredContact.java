package io.dialgate.simulator;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A contact as the simulator holds it. {@code data} keeps column order, as Genesys documents
 * it as "an ordered map".
 *
 * @param name              optional contact name; null when never set
 * @param phoneNumberStatus phone column to its {@code callable} flag
 * @param callRecords       phone column to the dialer's last attempt; written by the simulated dialer only
 */
public record StoredContact(
        String contactListId,
        String id,
        String name,
        Map<String, String> data,
        boolean callable,
        Map<String, Boolean> phoneNumberStatus,
        Map<String, CallRecord> callRecords,
        Instant dateCreated) {

    public StoredContact {
        Objects.requireNonNull(contactListId, "contactListId");
        Objects.requireNonNull(id, "id");
        data = orderedCopy(data);
        phoneNumberStatus = orderedCopy(phoneNumberStatus);
        callRecords = orderedCopy(callRecords);
        Objects.requireNonNull(dateCreated, "dateCreated");
    }

    public static StoredContact create(String contactListId, String id, Map<String, String> data) {
        return new StoredContact(
                contactListId,
                id,
                null,
                data,
                true,
                Map.of(),
                Map.of(),
                Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }

    public StoredContact withData(Map<String, String> newData) {
        return new StoredContact(
                contactListId, id, name, newData, callable, phoneNumberStatus, callRecords, dateCreated);
    }

    public StoredContact withCallable(boolean newCallable) {
        return new StoredContact(
                contactListId, id, name, data, newCallable, phoneNumberStatus, callRecords, dateCreated);
    }

    public StoredContact withPhoneNumberStatus(Map<String, Boolean> newStatus) {
        return new StoredContact(contactListId, id, name, data, callable, newStatus, callRecords, dateCreated);
    }

    public StoredContact withName(String newName) {
        return new StoredContact(
                contactListId, id, newName, data, callable, phoneNumberStatus, callRecords, dateCreated);
    }

    StoredContact withCallRecord(String column, CallRecord record) {
        Map<String, CallRecord> records = new LinkedHashMap<>(callRecords);
        records.put(column, record);
        return new StoredContact(contactListId, id, name, data, callable, phoneNumberStatus, records, dateCreated);
    }

    /** The {@code DialerContact} JSON the API returns for this contact. */
    public ObjectNode toDialerContact() {
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        json.put("id", id);
        if (name != null) {
            json.put("name", name);
        }
        json.put("contactListId", contactListId);
        ObjectNode dataNode = json.putObject("data");
        data.forEach(dataNode::put);
        ObjectNode records = json.putObject("callRecords");
        callRecords.forEach((column, record) -> {
            ObjectNode r = records.putObject(column);
            if (record.lastAttempt() != null) {
                r.put(
                        "lastAttempt",
                        record.lastAttempt().truncatedTo(ChronoUnit.MILLIS).toString());
            }
            if (record.lastResult() != null) {
                r.put("lastResult", record.lastResult());
            }
        });
        json.put("callable", callable);
        ObjectNode statuses = json.putObject("phoneNumberStatus");
        phoneNumberStatus.forEach(
                (column, isCallable) -> statuses.putObject(column).put("callable", isCallable));
        json.put("dateCreated", dateCreated.toString());
        json.put("selfUri", "/api/v2/outbound/contactlists/" + contactListId + "/contacts/" + id);
        return json;
    }

    private static <V> Map<String, V> orderedCopy(Map<String, V> source) {
        Map<String, V> copy = new LinkedHashMap<>();
        source.forEach(
                (k, v) -> copy.put(Objects.requireNonNull(k), Objects.requireNonNull(v, () -> "null value for " + k)));
        return Collections.unmodifiableMap(copy);
    }
}
