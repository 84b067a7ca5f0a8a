package io.dialgate.simulator;

import com.sun.net.httpserver.Headers;

import java.time.Instant;

/** A request as the endpoints see it, already read off the wire; {@code query} is the raw query string or null. */
record IncomingRequest(
        String method,
        String path,
        String query,
        Headers headers,
        String body,
        String correlationId,
        Instant receivedAt) {

    /** The query parameter's value, or null when the query does not have it. */
    String queryParameter(String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            if (key.equals(name)) {
                return eq < 0 ? "" : pair.substring(eq + 1);
            }
        }
        return null;
    }

    String header(String name) {
        return headers.getFirst(name);
    }
}
