package io.dialgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

/** Ports on 127.0.0.1 for the processes the tests, the demo and the benchmark start: a free one, and waiting on one. */
public final class LoopbackPorts {

    private LoopbackPorts() {}

    /** A port nothing listens on right now (the OS's pick); the caller's process binds it soon after. */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until something accepts connections on the port; false if nothing does within the timeout. */
    public static boolean awaitOpen(int port, Duration timeout) {
        return await(port, true, timeout);
    }

    /** Waits until nothing accepts connections on the port any more; false if something still does at the timeout. */
    public static boolean awaitClosed(int port, Duration timeout) {
        return await(port, false, timeout);
    }

    private static boolean await(int port, boolean open, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        do {
            if (accepts(port) == open) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        } while (System.nanoTime() < deadline);
        return false;
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
