package io.dialgate.redis;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contract a Lua script states in its header comment: one {@code -- KEYS[n] <name pattern>: ...} line per key
 * (the pattern is the key's name after the tenant prefix, {@code <...>} standing for a variable part), one
 * {@code -- ARGV[n] <name>: ...} line per argument ({@code ARGV[n..]} for a variable tail), and a
 * {@code -- Returns ...} line. Continuation lines are indented ({@code --   }).
 */
record ScriptHeader(List<String> keyPatterns, List<String> argNames, boolean variadicTail, String returns) {

    private static final Pattern KEY = Pattern.compile("^-- KEYS\\[(\\d+)] ([^\\s:]+(?::<[^>]+>)*):? .*");
    private static final Pattern ARG = Pattern.compile("^-- ARGV\\[(\\d+)(\\.\\.)?] (\\w+)\\b.*");
    private static final Pattern RETURNS = Pattern.compile("^-- Returns (.+)");

    static ScriptHeader parse(String script) {
        List<String> keys = new ArrayList<>();
        List<String> args = new ArrayList<>();
        boolean variadic = false;
        StringBuilder returns = new StringBuilder();
        for (String line : script.lines().takeWhile(l -> l.startsWith("--")).toList()) {
            if (variadic && line.startsWith("-- ARGV[")) {
                throw new IllegalArgumentException("Only the last ARGV may be a variable tail: " + line);
            }
            Matcher key = KEY.matcher(line);
            Matcher arg = ARG.matcher(line);
            Matcher ret = RETURNS.matcher(line);
            if (key.matches()) {
                expectNext(keys, key.group(1), line);
                keys.add(key.group(2));
            } else if (line.startsWith("-- KEYS[")) {
                throw new IllegalArgumentException("Unreadable KEYS line: " + line);
            } else if (arg.matches()) {
                expectNext(args, arg.group(1), line);
                args.add(arg.group(3));
                variadic = arg.group(2) != null;
            } else if (line.startsWith("-- ARGV[")) {
                throw new IllegalArgumentException("Unreadable ARGV line: " + line);
            } else if (ret.matches()) {
                returns.append(ret.group(1));
            }
        }
        return new ScriptHeader(List.copyOf(keys), List.copyOf(args), variadic, returns.toString());
    }

    private static void expectNext(List<String> declared, String index, String line) {
        if (Integer.parseInt(index) != declared.size() + 1) {
            throw new IllegalArgumentException("Expected index " + (declared.size() + 1) + ": " + line);
        }
    }

    /** Whether a full key name is the declared key {@code index} (0-based) of a tenant with this prefix. */
    boolean keyMatches(int index, String prefix, String key) {
        String[] parts = keyPatterns.get(index).split("<[^>]+>", -1);
        StringBuilder regex = new StringBuilder(Pattern.quote(prefix));
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            regex.append(Pattern.quote(parts[i]));
        }
        return key.matches(regex.toString());
    }
}
