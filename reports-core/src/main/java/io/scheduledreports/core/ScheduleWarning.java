package io.scheduledreports.core;

import java.util.Objects;

/**
 * Something about a schedule its author may not expect. Never blocks a create, update or preview; shown beside the
 * result so the author can change the schedule or keep it.
 *
 * @param code what kind of warning
 * @param message one sentence naming the date, time or schedule concerned, e.g. "02:30 does not exist on
 *     2027-03-14 in America/New_York; runs at 03:30 EDT"
 * @param field the request field it is about, e.g. {@code schedule.time}
 */
public record ScheduleWarning(Code code, String message, String field) {

    /** Kinds of warnings. */
    public enum Code {
        /** On an upcoming date the local time does not exist (clocks go forward): the run moves later that day. */
        DST_GAP,
        /** On an upcoming date the local time exists twice (clocks go back): the schedule runs once, the first time. */
        DST_OVERLAP,
        /** Another active schedule of the same owner sends the same report, parameters and format to a recipient. */
        POSSIBLE_DUPLICATE,
        /** A monthly schedule on day 29-31 runs on the last day of shorter months. */
        SHORT_MONTH,
        /** The preview's sample could not be produced: the report type failed (its message says why). */
        SAMPLE_FAILED,
        /** The preview's sample took longer than the preview timeout and was stopped. */
        SAMPLE_TIMEOUT,
        /** The generation timeout asked for is above one hour: a hung report holds its worker that long. */
        LONG_TIMEOUT
    }

    /** Checks the fields. */
    public ScheduleWarning {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(field, "field");
    }
}
