package io.scheduledreports.benchmarks.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line options of the macro benchmarks: {@code --name=value} or a bare {@code --flag} (true). Every option
 * a benchmark reads is remembered, so {@link #rejectUnused()} can name a mistyped one instead of ignoring it.
 */
public final class Args {
    private final Map<String, String> values = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();
    private final Set<String> used = new LinkedHashSet<>();

    private Args() {}

    /** Parses {@code --name=value}, {@code --flag} and positional words. */
    public static Args parse(String... argv) {
        Args args = new Args();
        for (String a : argv) {
            if (a.startsWith("--")) {
                int eq = a.indexOf('=');
                String name = eq < 0 ? a.substring(2) : a.substring(2, eq);
                if (name.isEmpty()) {
                    throw new IllegalArgumentException("option without a name: '" + a + "'");
                }
                args.values.put(name, eq < 0 ? "true" : a.substring(eq + 1));
            } else {
                args.positional.add(a);
            }
        }
        return args;
    }

    /** The positional words (the benchmark names). */
    public List<String> positional() {
        return List.copyOf(positional);
    }

    /** Whether the option was given. */
    public boolean has(String name) {
        used.add(name);
        return values.containsKey(name);
    }

    /** A string option. */
    public String string(String name, String fallback) {
        used.add(name);
        return values.getOrDefault(name, fallback);
    }

    /** An integer option, at least {@code min}. */
    public int integer(String name, int fallback, int min) {
        String v = string(name, null);
        int value;
        try {
            value = v == null ? fallback : Integer.parseInt(v.replace("_", "").replace(",", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": must be an integer, was '" + v + "'");
        }
        if (value < min) {
            throw new IllegalArgumentException("--" + name + ": must be at least " + min + ", was " + value);
        }
        return value;
    }

    /** A comma-separated list of integers, each at least {@code min}, e.g. {@code --instances=1,2,3}. */
    public List<Integer> integers(String name, String fallback, int min) {
        String v = string(name, fallback);
        List<Integer> list = new ArrayList<>();
        for (String part : v.split(",")) {
            try {
                int value = Integer.parseInt(part.trim());
                if (value < min) {
                    throw new IllegalArgumentException(
                            "--" + name + ": every value must be at least " + min + ", was " + value);
                }
                list.add(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--" + name + ": must be integers separated by commas, was '" + v + "'");
            }
        }
        return List.copyOf(list);
    }

    /** A comma-separated list of words, e.g. {@code --systems=engine,quartz}. */
    public List<String> words(String name, String fallback) {
        List<String> list = new ArrayList<>();
        for (String part : string(name, fallback).split(",")) {
            if (!part.isBlank()) {
                list.add(part.trim());
            }
        }
        return List.copyOf(list);
    }

    /** A boolean option: {@code --name}, {@code --name=true} or {@code --name=false}. */
    public boolean flag(String name, boolean fallback) {
        String v = string(name, null);
        if (v == null) {
            return fallback;
        }
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException("--" + name + ": must be true or false, was '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** A duration in milliseconds, e.g. {@code --polling-ms=1000}. */
    public Duration millis(String name, long fallbackMs, long minMs) {
        String v = string(name, null);
        long ms;
        try {
            ms = v == null ? fallbackMs : Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + ": must be milliseconds, was '" + v + "'");
        }
        if (ms < minMs) {
            throw new IllegalArgumentException("--" + name + ": must be at least " + minMs + " ms, was " + ms);
        }
        return Duration.ofMillis(ms);
    }

    /**
     * Fails on options no benchmark read.
     *
     * @throws IllegalArgumentException naming them and the options that exist
     */
    public void rejectUnused() {
        List<String> unknown =
                values.keySet().stream().filter(k -> !used.contains(k)).toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(
                    "unknown option(s) " + unknown.stream().map(k -> "--" + k).toList() + "; this run reads "
                            + used.stream().map(k -> "--" + k).toList());
        }
    }
}
