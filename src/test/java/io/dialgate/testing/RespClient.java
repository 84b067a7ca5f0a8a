package io.dialgate.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Just enough of the Redis protocol (RESP2) for tests, the demo and the benchmark to look into Redis: a command and its
 * reply, INFO fields, SCAN, DUMP. A socket of its own rather than a client library, so looking never shares a
 * connection pool with what is being tested or measured, and a plain test needs no Quarkus client.
 */
public final class RespClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    public RespClient(int port) {
        try {
            socket = new Socket("127.0.0.1", port);
            socket.setSoTimeout(10_000);
            out = socket.getOutputStream();
            in = new BufferedInputStream(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reach Redis on port " + port, e);
        }
    }

    /** Sends one command; the reply as String, Long, List (arrays) or null (a nil reply). */
    public Object call(String... args) {
        send(args);
        return read(false);
    }

    /** Reads the next thing Redis sends without being asked: a pub/sub message on a subscribed connection. */
    public Object next() {
        return read(false);
    }

    /** Sends a command whose reply is an integer, e.g. {@code ZCARD}. */
    public long integer(String... args) {
        Object reply = call(args);
        if (reply instanceof Long value) {
            return value;
        }
        throw new IllegalStateException("not an integer reply to " + args[0] + ": " + reply);
    }

    /** Sends a command whose reply is a bulk string of bytes, e.g. {@code DUMP}; null for a nil reply. */
    public byte[] bytes(String... args) {
        send(args);
        Object reply = read(true);
        if (reply == null || reply instanceof byte[]) {
            return (byte[]) reply;
        }
        throw new IllegalStateException("not a bulk reply to " + args[0] + ": " + reply);
    }

    /** A numeric field of INFO, e.g. {@code used_memory} of section {@code memory}. */
    public long info(String section, String field) {
        for (String line : String.valueOf(call("INFO", section)).split("\r\n")) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).trim());
            }
        }
        throw new IllegalStateException("INFO " + section + " has no field " + field);
    }

    /** Keys matching {@code pattern}, at most {@code limit} of them. */
    public List<String> scan(String pattern, int limit) {
        List<String> keys = new ArrayList<>();
        String cursor = "0";
        do {
            List<?> reply = (List<?>) call("SCAN", cursor, "MATCH", pattern, "COUNT", "1000");
            cursor = (String) reply.get(0);
            for (Object key : (List<?>) reply.get(1)) {
                if (keys.size() < limit) {
                    keys.add((String) key);
                }
            }
        } while (!"0".equals(cursor) && keys.size() < limit);
        return keys;
    }

    private void send(String... args) {
        StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
        for (String arg : args) {
            byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
            command.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
        }
        try {
            out.write(command.toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @param rawBulk a bulk string as its bytes rather than as UTF-8 text (DUMP payloads are binary) */
    private Object read(boolean rawBulk) {
        try {
            int type = in.read();
            String line = line();
            switch (type) {
                case '+':
                    return line;
                case '-':
                    throw new IllegalStateException("Redis: " + line);
                case ':':
                    return Long.parseLong(line);
                case '$': {
                    int length = Integer.parseInt(line);
                    if (length < 0) {
                        return null;
                    }
                    byte[] bytes = in.readNBytes(length);
                    in.readNBytes(2);
                    return rawBulk ? bytes : new String(bytes, StandardCharsets.UTF_8);
                }
                case '*': {
                    int count = Integer.parseInt(line);
                    if (count < 0) {
                        return null;
                    }
                    List<Object> items = new ArrayList<>(count);
                    for (int i = 0; i < count; i++) {
                        items.add(read(rawBulk));
                    }
                    return items;
                }
                default:
                    throw new IllegalStateException("unexpected Redis reply type " + type);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) != '\r') {
            if (c < 0) {
                throw new IOException("Redis closed the connection");
            }
            line.append((char) c);
        }
        in.read();
        return line.toString();
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
