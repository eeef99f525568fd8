package io.scheduledreports.benchmarks.harness;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
 * Finds the statements an idle engine sends on its own (its polling) and has PostgreSQL explain them with
 * {@code EXPLAIN (ANALYZE, BUFFERS)}, without knowing the engine's SQL: the PostgreSQL driver's FINEST protocol log
 * gives each statement's text ({@code FE=> Parse}) and its last parameter values as SQL literals
 * ({@code FE=> Bind}); the literals replace the {@code $n} placeholders. Each explained statement runs inside a
 * transaction that is rolled back, so a polling {@code UPDATE} changes nothing.
 *
 * <p>Use with {@code prepareThreshold=0} in the URL ({@link RoundTripCounter#countingUrl}); logging slows the driver
 * down, so never while timing.
 */
public final class PollingExplainer extends Handler {
    private static final Pattern PARSE =
            Pattern.compile("FE=> Parse\\(stmt=[^,]*,query=\"(.*)\",oids=", Pattern.DOTALL);
    private static final Pattern BIND_PARAM = Pattern.compile(",\\$(\\d+)=<(.*?)>,type=", Pattern.DOTALL);
    private static final Logger DRIVER = Logger.getLogger("org.postgresql");

    private final SimpleFormatter formatter = new SimpleFormatter();
    private final ThreadLocal<String> parsed = new ThreadLocal<>();
    private final ThreadLocal<List<String>> bound = new ThreadLocal<>();
    private final Map<String, LongAdder> executions = new ConcurrentHashMap<>();
    private final Map<String, List<String>> lastParameters = new ConcurrentHashMap<>();

    private PollingExplainer() {}

    /** Starts recording what the driver sends in this JVM. */
    public static PollingExplainer install() {
        PollingExplainer e = new PollingExplainer();
        e.setLevel(Level.ALL);
        DRIVER.setLevel(Level.FINEST);
        DRIVER.setUseParentHandlers(false);
        DRIVER.addHandler(e);
        return e;
    }

    @Override
    public void publish(LogRecord record) {
        String raw = record.getMessage();
        if (raw == null || !raw.contains("FE=>")) {
            return;
        }
        String message = record.getParameters() == null ? raw : formatter.formatMessage(record);
        if (message.contains("FE=> Parse(")) {
            Matcher m = PARSE.matcher(message);
            parsed.set(m.find() ? m.group(1).strip().replaceAll("\\s+", " ") : null);
            bound.set(List.of());
        } else if (message.contains("FE=> Bind(")) {
            List<String> values = new ArrayList<>();
            Matcher m = BIND_PARAM.matcher(message);
            while (m.find()) {
                values.add(m.group(2));
            }
            bound.set(values);
        } else if (message.contains("FE=> Execute(")) {
            String sql = parsed.get();
            if (sql != null) {
                executions.computeIfAbsent(sql, k -> new LongAdder()).increment();
                lastParameters.put(sql, bound.get() == null ? List.of() : bound.get());
            }
        }
    }

    /** Forgets what was recorded so far. */
    public void reset() {
        executions.clear();
        lastParameters.clear();
    }

    /** One explained statement. */
    public record Explained(String sql, long executions, List<String> parameters, List<String> plan) {}

    /**
     * Explains every {@code SELECT}, {@code UPDATE} and {@code WITH} statement recorded at least
     * {@code minExecutions} times (the polling ones), most frequent first.
     */
    public List<Explained> explain(BenchDatabase db, int minExecutions) {
        List<Explained> result = new ArrayList<>();
        List<Map.Entry<String, LongAdder>> entries = new ArrayList<>(executions.entrySet());
        entries.sort((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()));
        for (Map.Entry<String, LongAdder> e : entries) {
            String sql = e.getKey();
            String kind = sql.toUpperCase(Locale.ROOT);
            if (e.getValue().sum() < minExecutions
                    || !(kind.startsWith("SELECT") || kind.startsWith("UPDATE") || kind.startsWith("WITH"))) {
                continue;
            }
            List<String> parameters = lastParameters.getOrDefault(sql, List.of());
            result.add(new Explained(sql, e.getValue().sum(), parameters, plan(db, substitute(sql, parameters))));
        }
        return result;
    }

    static String substitute(String sql, List<String> parameters) {
        String s = sql;
        for (int i = parameters.size(); i >= 1; i--) {
            s = s.replace("$" + i, parameters.get(i - 1));
        }
        return s;
    }

    private static List<String> plan(BenchDatabase db, String sql) {
        List<String> lines = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(db.url(), db.user(), db.password())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
                while (rs.next()) {
                    lines.add(rs.getString(1));
                }
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            lines.add("could not explain: " + e.getMessage());
        }
        return lines;
    }

    /** The explained statements as text for a README. */
    public static String text(List<Explained> explained) {
        StringBuilder b = new StringBuilder();
        for (Explained e : explained) {
            b.append("-- ")
                    .append(e.executions())
                    .append(" executions: ")
                    .append(e.sql())
                    .append('\n');
            e.plan().forEach(l -> b.append(l).append('\n'));
            b.append('\n');
        }
        return b.toString();
    }

    /** Counts by statement text, most frequent first. */
    public Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        executions.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum()))
                .forEach(e -> m.put(e.getKey(), e.getValue().sum()));
        return m;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        DRIVER.removeHandler(this);
        DRIVER.setLevel(null);
        DRIVER.setUseParentHandlers(true);
    }
}
