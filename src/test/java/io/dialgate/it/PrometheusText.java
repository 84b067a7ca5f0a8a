package io.dialgate.it;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads samples out of a Prometheus text exposition ({@code /q/metrics}). */
final class PrometheusText {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
    private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    private PrometheusText() {}

    /** The sum of the samples of {@code name} carrying all of {@code labels} (others may be present); 0 if none. */
    static double sum(String text, String name, Map<String, String> labels) {
        double sum = 0;
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (sample.matches()
                    && sample.group(1).equals(name)
                    && labelsOf(sample.group(2)).entrySet().containsAll(labels.entrySet())) {
                sum += Double.parseDouble(sample.group(3));
            }
        }
        return sum;
    }

    /** Whether {@code text} has a sample of {@code name} carrying all of {@code labels}, whatever its value. */
    static boolean has(String text, String name, Map<String, String> labels) {
        for (String line : text.split("\n")) {
            Matcher sample = SAMPLE.matcher(line.strip());
            if (sample.matches()
                    && sample.group(1).equals(name)
                    && labelsOf(sample.group(2)).entrySet().containsAll(labels.entrySet())) {
                return true;
            }
        }
        return false;
    }

    private static Map<String, String> labelsOf(String labels) {
        Map<String, String> parsed = new HashMap<>();
        if (labels != null) {
            Matcher label = LABEL.matcher(labels);
            while (label.find()) {
                parsed.put(label.group(1), label.group(2));
            }
        }
        return parsed;
    }
}
