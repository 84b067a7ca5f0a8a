package io.dialgate.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;

/**
 * The single HTTP entry point: serves the login host path ({@code /oauth/token}) and the API host
 * paths on one port, adds the configured latency, and logs every request before answering so a
 * test that has its response can rely on the log.
 */
final class SimulatorHttpHandler implements HttpHandler {

    private final OAuthTokenEndpoint tokenEndpoint;
    private final ContactEndpoint contactEndpoint;
    private final PlatformEndpoint platformEndpoint;
    private final BulkContactsEndpoint bulkEndpoint;
    private final FaultPlan faults;
    private final RequestLog log;

    SimulatorHttpHandler(
            OAuthTokenEndpoint tokenEndpoint,
            ContactEndpoint contactEndpoint,
            PlatformEndpoint platformEndpoint,
            BulkContactsEndpoint bulkEndpoint,
            FaultPlan faults,
            RequestLog log) {
        this.tokenEndpoint = tokenEndpoint;
        this.contactEndpoint = contactEndpoint;
        this.platformEndpoint = platformEndpoint;
        this.bulkEndpoint = bulkEndpoint;
        this.faults = faults;
        this.log = log;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        Instant receivedAt = Instant.now();
        long arrivalNanos = System.nanoTime();
        String correlationId = UUID.randomUUID().toString();
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        Matcher bulkPath = BulkContactsEndpoint.PATH.matcher(path);
        boolean isBulkPath = bulkPath.matches();
        Matcher contactPath = ContactEndpoint.PATH.matcher(path);
        boolean isContactPath = !isBulkPath && contactPath.matches();
        Reply reply;
        try {
            try {
                String body = readBody(exchange.getRequestBody());
                IncomingRequest request = new IncomingRequest(
                        method,
                        path,
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders(),
                        body,
                        correlationId,
                        receivedAt);
                FaultPlan.pause(faults.latencyFor(method, path));
                if (OAuthTokenEndpoint.PATH.equals(path)) {
                    reply = tokenEndpoint.handle(request);
                } else if (isBulkPath) {
                    reply = bulkEndpoint.handle(request, bulkPath);
                } else if (isContactPath) {
                    reply = contactEndpoint.handle(request, contactPath);
                } else if (PlatformEndpoint.PATH.matcher(path).matches()) {
                    Matcher platformPath = PlatformEndpoint.PATH.matcher(path);
                    platformPath.matches();
                    reply = platformEndpoint.handle(request, platformPath);
                } else {
                    reply = Reply.error(
                            GenesysErrorBody.of(
                                    404,
                                    "not.found",
                                    "The requested resource " + path + " does not exist in the simulator."),
                            correlationId,
                            null);
                }
            } catch (RuntimeException | IOException e) {
                reply = Reply.error(
                        GenesysErrorBody.of(
                                500,
                                "internal.server.error",
                                "The simulator failed: " + e.getClass().getSimpleName()),
                        correlationId,
                        null);
            }
            log.record(new RecordedRequest(
                    receivedAt,
                    arrivalNanos,
                    method,
                    path,
                    reply.clientId(),
                    isContactPath ? contactPath.group(1) : isBulkPath ? bulkPath.group(1) : null,
                    isContactPath ? contactPath.group(2) : null,
                    reply.status()));
            send(exchange, reply, correlationId);
        } finally {
            exchange.close();
        }
    }

    private static String readBody(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, Reply reply, String correlationId) throws IOException {
        byte[] bytes = reply.body() == null ? new byte[0] : reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("ININ-Correlation-Id", correlationId);
        if (reply.body() != null) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
        }
        for (Map.Entry<String, String> header : reply.headers().entrySet()) {
            exchange.getResponseHeaders().set(header.getKey(), header.getValue());
        }
        boolean noBodyAllowed =
                reply.status() == 204 || reply.status() == 304 || "HEAD".equals(exchange.getRequestMethod());
        exchange.sendResponseHeaders(reply.status(), noBodyAllowed || bytes.length == 0 ? -1 : bytes.length);
        if (!noBodyAllowed && bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
