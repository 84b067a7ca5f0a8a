package io.dialgate.dispatch;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A contact leased to this instance, with the merged writes to apply: data columns, phone-number statuses and
 * {@code callable}, the ids of the writes they came from, and how many applies in a row have failed (for backoff).
 */
record ClaimedContact(
        String member,
        String contactListId,
        String contactId,
        String lease,
        Map<String, String> data,
        Map<String, Boolean> phoneNumberStatus,
        Optional<Boolean> callable,
        boolean replace,
        List<String> writeIds,
        int failedAttempts,
        long pendingSince) {

    static ClaimedContact of(String member, String lease, Map<String, String> fields, List<String> writeIds) {
        int split = member.indexOf(':');
        Map<String, String> data = new LinkedHashMap<>();
        Map<String, Boolean> phones = new LinkedHashMap<>();
        fields.forEach((field, value) -> {
            if (field.startsWith("d:")) {
                data.put(field.substring(2), value);
            } else if (field.startsWith("p:")) {
                phones.put(field.substring(2), Boolean.parseBoolean(value));
            }
        });
        Optional<Boolean> callable = Optional.ofNullable(fields.get("callable")).map(Boolean::parseBoolean);
        return new ClaimedContact(
                member,
                member.substring(0, split),
                member.substring(split + 1),
                lease,
                data,
                phones,
                callable,
                "replace".equals(fields.get("mode")),
                writeIds,
                Integer.parseInt(fields.getOrDefault("att", "0")),
                Long.parseLong(fields.getOrDefault("since", "0")));
    }

    /**
     * The part of this claim that the given writes make, merged oldest first as accept-write.lua merges them (a later
     * value wins; a replace drops the data columns before it): what one group of a split apply PUTs.
     */
    ClaimedContact only(List<OwnWrite> writes) {
        Map<String, String> fields = new LinkedHashMap<>();
        List<String> ids = new java.util.ArrayList<>();
        for (OwnWrite write : writes) {
            List<String> own = write.fields();
            for (int i = 0; i + 1 < own.size(); i += 2) {
                if ("mode".equals(own.get(i))) {
                    fields.keySet().removeIf(field -> field.startsWith("d:"));
                }
                fields.put(own.get(i), own.get(i + 1));
            }
            ids.add(write.writeId());
        }
        fields.put("att", Integer.toString(failedAttempts));
        fields.put("since", Long.toString(pendingSince));
        return of(member, lease, fields, ids);
    }
}
