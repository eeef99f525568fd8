package io.scheduledreports.benchmarks.dispatch;

import java.util.Arrays;

/** The systems the dispatch benchmark compares. */
public enum SystemKind {
    /** Scheduled Reports: a schedule fires, generates a report and delivers it. */
    ENGINE("engine", "Scheduled Reports"),
    /** db-scheduler itself: one no-op one-time task per item, in a table like ours, polled the same way. */
    DB_SCHEDULER("db-scheduler", "raw db-scheduler"),
    /** Quartz with its clustered JDBC job store (JobStoreTX, PostgreSQL or standard delegate): one no-op job per item. */
    QUARTZ("quartz", "Quartz JDBC (clustered)"),
    /** JobRunr (OSS) with its SQL storage: one no-op job per item, scheduled for the same instant. */
    JOBRUNR("jobrunr", "JobRunr (SQL storage)");

    private final String id;
    private final String title;

    SystemKind(String id, String title) {
        this.id = id;
        this.title = title;
    }

    /** The id used in options and results. */
    public String id() {
        return id;
    }

    /** A name for tables and charts. */
    public String title() {
        return title;
    }

    /** The system with this id. */
    public static SystemKind of(String id) {
        return Arrays.stream(values())
                .filter(s -> s.id.equals(id))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--systems: unknown system '" + id + "'; known: "
                        + Arrays.stream(values()).map(SystemKind::id).toList()));
    }
}
