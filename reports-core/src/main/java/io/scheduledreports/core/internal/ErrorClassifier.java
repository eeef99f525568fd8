package io.scheduledreports.core.internal;

import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsAccessDeniedException;
import io.scheduledreports.spi.ReportsException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.sql.SQLException;
import java.time.DateTimeException;
import java.util.concurrent.TimeoutException;

/**
 * Classifies failures of host code and infrastructure into {@link ErrorCategory}s. A {@link ReportsException}
 * anywhere in the cause chain wins; otherwise the first recognised type in the chain decides.
 */
final class ErrorClassifier {

    private ErrorClassifier() {}

    /** The category of a failure. */
    public static ErrorCategory classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ReportsException re) {
                // A refused API call met inside work (no category of its own) is not retried.
                return re.category() != null
                        ? re.category()
                        : re instanceof ReportsAccessDeniedException ? ErrorCategory.CONFIGURATION : ErrorCategory.DATA;
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            ErrorCategory c = byType(t);
            if (c != null) {
                return c;
            }
            if (t.getCause() == t) {
                break;
            }
        }
        return ErrorCategory.UNKNOWN;
    }

    private static ErrorCategory byType(Throwable t) {
        if (t instanceof TimeoutException) {
            return ErrorCategory.TIMEOUT;
        }
        if (t instanceof ConnectException
                || t instanceof UnknownHostException
                || t instanceof NoRouteToHostException
                || t instanceof SocketTimeoutException
                || t instanceof SocketException) {
            return ErrorCategory.NETWORK;
        }
        if (t instanceof InterruptedIOException || t instanceof InterruptedException) {
            return ErrorCategory.TIMEOUT;
        }
        if (t instanceof AccessDeniedException || t instanceof SecurityException) {
            return ErrorCategory.CONFIGURATION;
        }
        if (t instanceof SQLException sql) {
            String state = sql.getSQLState();
            if (state != null && state.startsWith("08")) {
                return ErrorCategory.NETWORK; // connection exception class
            }
            if (state != null && (state.startsWith("22") || state.startsWith("23"))) {
                return ErrorCategory.DATA; // data exception, integrity violation
            }
            if (state != null && state.startsWith("42")) {
                return ErrorCategory.CONFIGURATION; // syntax error or access rule violation
            }
            return ErrorCategory.SYSTEM;
        }
        if (t instanceof IOException || t instanceof UncheckedIOException || t instanceof VirtualMachineError) {
            return ErrorCategory.SYSTEM;
        }
        if (t instanceof IllegalArgumentException
                || t instanceof DateTimeException
                || t instanceof ArithmeticException
                || t instanceof ClassCastException) {
            return ErrorCategory.DATA;
        }
        return null;
    }
}
