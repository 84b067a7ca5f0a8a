package io.dialgate.demo;

import java.io.PrintStream;

/**
 * The demo's once-a-second status. On a terminal it rewrites one line in place ({@code \r}); piped to a file or CI
 * log it prints a plain line each time, which reads better there than a stream of carriage returns.
 */
public final class ProgressLine {

    /** One second's figures. */
    public record Figures(
            long elapsedSeconds,
            double eventsPerSecond,
            int accepted,
            int held,
            int applied,
            long gateConflicts,
            long directConflicts,
            LatencyRecorder holdToApply) {}

    private final PrintStream out;
    private final boolean terminal;
    private int lastLength;

    public ProgressLine(PrintStream out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public static ProgressLine forStdout() {
        return new ProgressLine(System.out, System.console() != null);
    }

    public synchronized void show(Figures f) {
        String line = String.format(
                "[%3ds] events %,5.0f/s | writes %,6d accepted, %,5d held, %,6d applied"
                        + " | 409s: dialgate %,d, direct %,d | hold->apply p99 %s",
                f.elapsedSeconds(),
                f.eventsPerSecond(),
                f.accepted(),
                f.held(),
                f.applied(),
                f.gateConflicts(),
                f.directConflicts(),
                f.holdToApply().format(99));
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastLength - line.length())));
            lastLength = line.length();
        } else {
            out.println(line);
        }
        out.flush();
    }

    /** Ends the rewritten line so what follows starts on a fresh one. */
    public synchronized void finish() {
        if (terminal && lastLength > 0) {
            out.println();
            lastLength = 0;
        }
    }
}
