package io.scheduledreports.delivery.http;

import io.scheduledreports.spi.Durations;
import io.scheduledreports.spi.ErrorCategory;
import io.scheduledreports.spi.ReportsException;
import io.scheduledreports.spi.RetryLaterException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/** Turns outbound failures into the library's {@link ErrorCategory} the same way for every HTTP channel. */
public final class OutboundFailures {
    private OutboundFailures() {}

    /**
     * Classifies an I/O failure of {@link OutboundHttp#send}: timeouts are TIMEOUT, unknown hosts and refused or
     * reset connections NETWORK (retried), a failed TLS handshake (untrusted or mismatched certificate)
     * CONFIGURATION.
     *
     * @param what what was being done, e.g. {@code "webhook to hooks.example.com"}
     * @param e the failure
     * @return the exception to throw
     */
    public static ReportsException classify(String what, IOException e) {
        if (e instanceof SocketTimeoutException) {
            return new ReportsException(ErrorCategory.TIMEOUT, what + " timed out: " + e.getMessage(), e);
        }
        if (e instanceof UnknownHostException) {
            return new ReportsException(ErrorCategory.NETWORK, what + ": unknown host " + e.getMessage(), e);
        }
        if (e instanceof SSLHandshakeException) {
            return new ReportsException(
                    ErrorCategory.CONFIGURATION, what + ": TLS handshake failed: " + e.getMessage(), e);
        }
        if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
            return new ReportsException(ErrorCategory.NETWORK, what + ": " + e.getMessage(), e);
        }
        return new ReportsException(ErrorCategory.NETWORK, what + " failed: " + e, e);
    }

    /**
     * A retryable failure after an HTTP answer: with the answer's {@code Retry-After} (cut to {@code max}) when
     * it has one.
     *
     * @param message what failed
     * @param retryAfter the delay asked for, or null
     * @param max the longest delay honoured
     * @return the exception to throw
     */
    public static ReportsException retryable(String message, Duration retryAfter, Duration max) {
        if (retryAfter == null) {
            return new ReportsException(ErrorCategory.NETWORK, message);
        }
        Duration d = retryAfter.compareTo(max) > 0 ? max : retryAfter;
        return new RetryLaterException(
                ErrorCategory.NETWORK, message + " (retry after " + Durations.format(d) + ")", d);
    }
}
