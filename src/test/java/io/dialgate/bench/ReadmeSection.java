package io.dialgate.bench;

/** The part of bench/README.md between the latest-results markers, which each run replaces. */
final class ReadmeSection {

    static final String START = "<!-- latest-results:start -->";
    static final String END = "<!-- latest-results:end -->";

    private ReadmeSection() {}

    static String replace(String readme, String results) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            return readme + "\n## Latest results\n\n" + START + "\n" + results + END + "\n";
        }
        return readme.substring(0, start + START.length()) + "\n" + results + readme.substring(end);
    }
}
