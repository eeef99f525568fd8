package io.scheduledreports.core.internal;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Small text helpers for messages stored in the database. */
final class Text {
    private Text() {}

    /** {@code value} cut to {@code max} characters with an ellipsis, or null. */
    static String clip(String value, int max) {
        if (value == null || value.length() <= max) {
            return value;
        }
        return value.substring(0, max - 1) + "…";
    }

    /** A short stack summary: the exception chain and the top frames of each. */
    static String stackSummary(Throwable t, int framesPerCause) {
        StringBuilder sb = new StringBuilder();
        Throwable current = t;
        for (int depth = 0; current != null && depth < 5; depth++, current = current.getCause()) {
            if (depth > 0) {
                sb.append("Caused by: ");
            }
            sb.append(current).append('\n');
            StackTraceElement[] frames = current.getStackTrace();
            for (int i = 0; i < Math.min(framesPerCause, frames.length); i++) {
                sb.append("    at ").append(frames[i]).append('\n');
            }
        }
        return sb.toString();
    }

    /** The full stack trace, for logs. */
    static String stackTrace(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }
}
