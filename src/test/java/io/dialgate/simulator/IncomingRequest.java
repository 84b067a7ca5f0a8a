package io.dialgate.simulator;

import com.sun.net.httpserver.Headers;

import java.time.Instant;

/** A request as the endpoints see it, already read off the wire. */
record IncomingRequest(
        String method, String path, Headers headers, String body, String correlationId, Instant receivedAt) {

    String header(String name) {
        return headers.getFirst(name);
    }
}
