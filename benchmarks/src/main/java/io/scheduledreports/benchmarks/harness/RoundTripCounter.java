package io.scheduledreports.benchmarks.harness;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts what the PostgreSQL JDBC driver sends to the server, from its FINEST protocol log ({@code FE=> Parse},
 * {@code Execute}, {@code Sync}): round trips, statements by kind and by text. Statements the driver issues on
 * its own (such as {@code SHOW TRANSACTION ISOLATION LEVEL} for {@code getTransactionIsolation()}) are counted
 * too, which a JDBC-level proxy would miss.
 *
 * <p>Use with {@code prepareThreshold=0} in the URL (see {@link #countingUrl}), so that every statement is parsed
 * with its text. Logging every message slows the driver down: count in a separate run, never while timing.
 */
public final class RoundTripCounter extends Handler {
    private static final Pattern PARSE =
            Pattern.compile("FE=> Parse\\(stmt=[^,]*,query=\"(.*)\",oids=", Pattern.DOTALL);
    private static final Pattern SIMPLE = Pattern.compile("FE=> SimpleQuery\\(query=\"(.*)\"\\)", Pattern.DOTALL);
    // keep a strong reference: JUL holds loggers weakly, and a collected logger loses its level and handler
    private static final Logger DRIVER = Logger.getLogger("org.postgresql");

    private final SimpleFormatter formatter = new SimpleFormatter();
    private final ThreadLocal<String> parsed = new ThreadLocal<>();
    private final LongAdder roundTrips = new LongAdder();
    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> byText = new ConcurrentHashMap<>();

    private RoundTripCounter() {}

    /** Starts counting everything the driver sends in this JVM. */
    public static RoundTripCounter install() {
        RoundTripCounter counter = new RoundTripCounter();
        counter.setLevel(Level.ALL);
        DRIVER.setLevel(Level.FINEST);
        DRIVER.setUseParentHandlers(false);
        DRIVER.addHandler(counter);
        return counter;
    }

    /** {@code url} with {@code prepareThreshold=0}, so that every statement is logged with its text. */
    public static String countingUrl(String url) {
        return url + (url.contains("?") ? "&" : "?") + "prepareThreshold=0";
    }

    @Override
    public void publish(LogRecord record) {
        String raw = record.getMessage();
        if (raw == null || !raw.contains("FE=>")) {
            return;
        }
        String message = record.getParameters() == null ? raw : formatter.formatMessage(record);
        if (message.contains("FE=> Sync")) {
            roundTrips.increment();
        } else if (message.contains("FE=> Parse(")) {
            Matcher m = PARSE.matcher(message);
            parsed.set(m.find() ? m.group(1) : "?");
        } else if (message.contains("FE=> Execute(")) {
            count(parsed.get());
        } else if (message.contains("FE=> SimpleQuery(")) {
            Matcher m = SIMPLE.matcher(message);
            count(m.find() ? m.group(1) : "?");
            roundTrips.increment();
        }
    }

    private void count(String sql) {
        String text = sql == null ? "?" : sql.strip().replaceAll("\\s+", " ");
        byKind.computeIfAbsent(kind(text), k -> new LongAdder()).increment();
        byText.computeIfAbsent(text.length() > 160 ? text.substring(0, 160) + "…" : text, k -> new LongAdder())
                .increment();
    }

    static String kind(String sql) {
        String s = sql.toUpperCase(Locale.ROOT);
        int space = s.indexOf(' ');
        String first = space < 0 ? s : s.substring(0, space);
        return switch (first) {
            case "SELECT", "WITH" -> s.contains(" FOR UPDATE") ? "SELECT FOR UPDATE" : "SELECT";
            case "INSERT", "UPDATE", "DELETE", "BEGIN", "COMMIT", "ROLLBACK", "SHOW", "SET" -> first;
            default -> "other";
        };
    }

    /** Forgets everything counted so far. */
    public void reset() {
        roundTrips.reset();
        byKind.clear();
        byText.clear();
    }

    /** Round trips (a {@code Sync} or a simple query each) since the last reset. */
    public long roundTrips() {
        return roundTrips.sum();
    }

    /** Statements by kind (SELECT, INSERT, ..., BEGIN, COMMIT, SHOW, SET), most frequent first. */
    public Map<String, Long> byKind() {
        return sorted(byKind, Integer.MAX_VALUE);
    }

    /** The {@code limit} most frequent statement texts. */
    public Map<String, Long> byText(int limit) {
        return sorted(byText, limit);
    }

    private static Map<String, Long> sorted(Map<String, LongAdder> counts, int limit) {
        Map<String, Long> result = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .limit(limit)
                .forEach(e -> result.put(e.getKey(), e.getValue().sum()));
        return result;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        DRIVER.removeHandler(this);
    }
}
