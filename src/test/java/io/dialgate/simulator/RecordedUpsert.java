package io.dialgate.simulator;

import java.time.Instant;
import java.util.List;

/**
 * One upsert ({@code POST …/contactlists/{contactListId}/contacts}), whatever its outcome. Each contact it carried is
 * also in {@link RequestLog#puts()}, as a write of that contact with the request's status.
 *
 * @param priority        the query parameter as sent, null when absent (likewise the other two)
 * @param contactIds      the ids of the contacts in the body, in order; empty when the body was not an array
 */
public record RecordedUpsert(
        Instant time,
        String contactListId,
        String clientId,
        String priority,
        String clearSystemData,
        String doNotQueue,
        List<String> contactIds,
        int status) {}
