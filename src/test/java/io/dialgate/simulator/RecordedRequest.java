package io.dialgate.simulator;

import java.time.Instant;

/**
 * One HTTP request the simulator received.
 *
 * @param time          when it arrived (wall clock)
 * @param arrivalNanos  when it arrived ({@link System#nanoTime()}), for precise window checks
 * @param clientId      the OAuth client it is attributed to (from Basic credentials or the bearer token); null when unknown
 * @param contactListId the path's contact list id, null for the token endpoint
 * @param contactId     the path's contact id, null for the token endpoint
 * @param status        the status the simulator answered
 */
public record RecordedRequest(
        Instant time,
        long arrivalNanos,
        String method,
        String path,
        String clientId,
        String contactListId,
        String contactId,
        int status) {}
