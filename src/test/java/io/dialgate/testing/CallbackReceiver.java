package io.dialgate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Predicate;

/**
 * A CRM's webhook endpoint for the tests: a real HTTP server (the JDK's) that records every callback it receives —
 * headers and raw body, as sent — per path, and answers each path as the test says: a status, after a delay.
 */
public final class CallbackReceiver implements AutoCloseable {

    /** One request as it arrived; header names lower-case. */
    public record Received(String path, Map<String, String> headers, byte[] body, int answered, Instant at) {
        public String id() {
            return headers.get("webhook-id");
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private record Behaviour(int status, Duration delay) {}

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "crm-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final List<Received> received = new ArrayList<>();
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();

    private CallbackReceiver(HttpServer server) {
        this.server = server;
    }

    public static CallbackReceiver start() {
        try {
            CallbackReceiver receiver =
                    new CallbackReceiver(HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 100));
            receiver.server.createContext("/", receiver::handle);
            receiver.server.setExecutor(receiver.threads);
            receiver.server.start();
            return receiver;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers requests to {@code path} with {@code status} after {@code delay} from now on. */
    public void answer(String path, int status, Duration delay) {
        behaviours.put(path, new Behaviour(status, delay));
    }

    public void answer(String path, int status) {
        answer(path, status, Duration.ZERO);
    }

    /** Every request received so far on a path, in arrival order. */
    public synchronized List<Received> on(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** The requests on a path that match. */
    public synchronized List<Received> on(String path, Predicate<Received> filter) {
        return received.stream()
                .filter(r -> r.path().equals(path))
                .filter(filter)
                .toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders()
                    .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
            String path = exchange.getRequestURI().getPath();
            Behaviour behaviour = behaviours.getOrDefault(path, new Behaviour(204, Duration.ZERO));
            if (!behaviour.delay().isZero()) {
                try {
                    Thread.sleep(behaviour.delay().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            synchronized (this) {
                received.add(new Received(path, headers, body, behaviour.status(), Instant.now()));
            }
            exchange.sendResponseHeaders(behaviour.status(), -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
