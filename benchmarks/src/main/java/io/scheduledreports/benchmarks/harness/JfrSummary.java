package io.scheduledreports.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where a JFR recording's CPU samples ({@code jdk.ExecutionSample}) went: the hottest methods by self time, and
 * the share of samples whose stack passes through each of a few interesting packages. The same data as
 * {@code jfr print --events jdk.ExecutionSample}, counted.
 *
 * <p>Usage: {@code java -cp benchmarks.jar io.scheduledreports.benchmarks.harness.JfrSummary FILE.jfr [TOP [PACKAGE]]};
 * with a package (default {@code io.scheduledreports.core}) it also attributes each sample to the method of that
 * package nearest to the leaf, i.e. "which of our methods was the CPU working for". Last, each sample is
 * counted once, for the library (or, for ours, the class) of its leafmost frame outside the JDK: the JDK's own work
 * (collections, strings, I/O) is charged to the code that called it, so the shares add up to 100 %.
 */
public final class JfrSummary {
    private static final List<String> AREAS = List.of(
            "io.scheduledreports.",
            "com.github.kagkarlsson.",
            "org.quartz.",
            "org.jdbi.",
            "com.zaxxer.hikari.",
            "org.postgresql.",
            "com.fasterxml.jackson.",
            "io.scheduledreports.formats.",
            "org.eclipse.angus.",
            "com.icegreen.greenmail.",
            "ch.qos.logback.");

    private JfrSummary() {}

    /** Prints the summary of one recording. */
    public static void main(String[] args) throws IOException {
        if (args.length < 1) {
            System.err.println("usage: JfrSummary FILE.jfr [TOP]");
            System.exit(2);
        }
        int top = args.length > 1 ? Integer.parseInt(args[1]) : 25;
        String ours = args.length > 2 ? args[2] : "io.scheduledreports.core";
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> nearestOurs = new HashMap<>();
        Map<String, Integer> area = new HashMap<>();
        Map<String, Integer> owner = new HashMap<>();
        int samples = 0;
        try (RecordingFile file = new RecordingFile(Path.of(args[0]))) {
            while (file.hasMoreEvents()) {
                RecordedEvent e = file.readEvent();
                if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                    continue;
                }
                RecordedStackTrace st = e.getStackTrace();
                if (st == null || st.getFrames().isEmpty()) {
                    continue;
                }
                samples++;
                RecordedFrame leaf = st.getFrames().get(0);
                self.merge(name(leaf), 1, Integer::sum);
                st.getFrames().stream()
                        .map(JfrSummary::name)
                        .filter(n -> n.startsWith(ours))
                        .findFirst()
                        .ifPresent(n -> nearestOurs.merge(n, 1, Integer::sum));
                owner.merge(owner(st), 1, Integer::sum);
                for (String a : AREAS) {
                    if (st.getFrames().stream().anyMatch(f -> name(f).startsWith(a))) {
                        area.merge(a, 1, Integer::sum);
                    }
                }
            }
        }
        System.out.printf("%s: %d execution samples%n%nTop %d methods by self samples:%n", args[0], samples, top);
        int total = samples;
        print(self, top, total);
        System.out.printf("%nTop %d methods of %s nearest to the sampled frame:%n", top, ours);
        print(nearestOurs, top, total);
        System.out.printf("%nSamples whose stack passes through:%n");
        for (String a : AREAS) {
            int n = area.getOrDefault(a, 0);
            if (n > 0) {
                System.out.printf(Locale.ROOT, "%6d %5.1f%%  %s*%n", n, 100.0 * n / total, a);
            }
        }
        System.out.printf("%nSamples by the leafmost frame outside the JDK (library, or our class):%n");
        print(owner, top, total);
    }

    /**
     * Who a sample works for: the class of its leafmost frame outside {@code java.}, {@code jdk.} and {@code sun.}
     * when it is ours, else that frame's library (its first three package names); "JDK" when all frames are the
     * JDK's.
     */
    static String owner(RecordedStackTrace st) {
        for (RecordedFrame f : st.getFrames()) {
            String type = f.getMethod().getType().getName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue;
            }
            if (type.startsWith("io.scheduledreports.")) {
                int nested = type.indexOf('$');
                return nested < 0 ? type : type.substring(0, nested);
            }
            String[] parts = type.split("\\.");
            return parts.length > 3 ? String.join(".", parts[0], parts[1], parts[2]) + ".*" : type;
        }
        return "JDK";
    }

    private static void print(Map<String, Integer> counts, int top, int total) {
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .limit(top)
                .forEach(en -> System.out.printf(
                        Locale.ROOT, "%6d %5.1f%%  %s%n", en.getValue(), 100.0 * en.getValue() / total, en.getKey()));
    }

    private static String name(RecordedFrame f) {
        return f.getMethod().getType().getName() + "." + f.getMethod().getName();
    }
}
