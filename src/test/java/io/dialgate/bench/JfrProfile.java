package io.dialgate.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A JFR recording of the dialgate process while a load runs, summarized: the methods most often on top of the stack
 * (where CPU goes), the dialgate methods most often anywhere on it (which of our steps pays for it), and samples by
 * thread pool. Uses {@code jcmd} and {@code jfr} of the running JDK; nothing when they are missing.
 */
final class JfrProfile {

    private JfrProfile() {}

    static void start(long pid) throws Exception {
        Optional<ExternalTool> jcmd = ExternalTool.find("jcmd");
        if (jcmd.isPresent()) {
            jcmd.get().run(30, Long.toString(pid), "JFR.start", "name=bench", "settings=profile");
        }
    }

    /** Stops the recording into {@code file} and returns the summary (markdown), or empty without the JDK tools. */
    static Optional<String> stopAndSummarize(long pid, Path file) throws Exception {
        Optional<ExternalTool> jcmd = ExternalTool.find("jcmd");
        Optional<ExternalTool> jfr = ExternalTool.find("jfr");
        if (jcmd.isEmpty() || jfr.isEmpty()) {
            return Optional.empty();
        }
        jcmd.get().run(60, Long.toString(pid), "JFR.dump", "name=bench", "filename=" + file.toAbsolutePath());
        jcmd.get().run(30, Long.toString(pid), "JFR.stop", "name=bench");
        String samples = jfr.get()
                .run(
                        300,
                        "print",
                        "--events",
                        "jdk.ExecutionSample",
                        "--stack-depth",
                        "40",
                        file.toAbsolutePath().toString());
        return Optional.of(summarize(samples));
    }

    static String summarize(String jfrPrint) {
        Map<String, Integer> topFrames = new HashMap<>();
        Map<String, Integer> ourFrames = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int total = 0;
        String thread = "?";
        boolean inStack = false;
        boolean first = false;
        Set<String> seenInStack = new HashSet<>();
        for (String raw : jfrPrint.split("\n")) {
            String line = raw.trim();
            if (line.startsWith("sampledThread = ")) {
                thread =
                        line.replaceAll("^sampledThread = \"([^\"]*)\".*", "$1").replaceAll("[-#]?\\d+$", "");
            } else if (line.startsWith("stackTrace = [")) {
                inStack = true;
                first = true;
                seenInStack.clear();
                total++;
                threads.merge(thread, 1, Integer::sum);
            } else if (inStack && line.startsWith("]")) {
                inStack = false;
            } else if (inStack && !line.equals("...")) {
                String method = line.replaceAll("\\s+line:.*$", "");
                if (first) {
                    topFrames.merge(method, 1, Integer::sum);
                    first = false;
                }
                if (method.startsWith("io.dialgate.") && seenInStack.add(method)) {
                    ourFrames.merge(method, 1, Integer::sum);
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append(String.format("%d execution samples.%n%nTop of stack (self time):%n%n", total));
        out.append(table(topFrames, total, 15));
        out.append(String.format("%ndialgate methods anywhere on the stack (inclusive):%n%n"));
        out.append(table(ourFrames, total, 12));
        out.append(String.format("%nSamples by thread (pool numbers folded):%n%n"));
        out.append(table(threads, total, 8));
        return out.toString();
    }

    private static String table(Map<String, Integer> counts, int total, int limit) {
        List<Map.Entry<String, Integer>> top = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(limit)
                .collect(Collectors.toList());
        StringBuilder out = new StringBuilder("| share | samples | frame |\n|---:|---:|---|\n");
        for (Map.Entry<String, Integer> e : top) {
            out.append(String.format(
                    "| %.1f%% | %d | `%s` |%n", 100.0 * e.getValue() / Math.max(1, total), e.getValue(), e.getKey()));
        }
        return out.toString();
    }
}
