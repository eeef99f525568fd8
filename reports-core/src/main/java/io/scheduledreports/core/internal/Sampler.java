package io.scheduledreports.core.internal;

import io.scheduledreports.core.SchedulePreview.Sample;
import io.scheduledreports.core.ScheduleWarning;
import io.scheduledreports.spi.CancellationSignal;
import io.scheduledreports.spi.Column;
import io.scheduledreports.spi.ReportRequest;
import io.scheduledreports.spi.ReportType;
import io.scheduledreports.spi.RowSink;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a report type for a preview, off the caller's thread: the first {@value Sample#MAX_ROWS} rows, then the
 * report is stopped; past the timeout it is cancelled and its thread interrupted. Nothing is formatted, stored or
 * delivered. At most {@value #THREADS} previews run at once per instance and {@value #QUEUE} wait.
 */
public final class Sampler implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sampler.class);
    static final int THREADS = 2;
    static final int QUEUE = 16;

    private final Duration timeout;
    private final ThreadPoolExecutor executor;

    /**
     * Creates the sampler.
     *
     * @param timeout how long a report type may take for its sample
     */
    public Sampler(Duration timeout) {
        this.timeout = timeout;
        AtomicInteger n = new AtomicInteger();
        this.executor =
                new ThreadPoolExecutor(THREADS, THREADS, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE), r -> {
                    Thread t = new Thread(r, "reports-preview-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        executor.allowCoreThreadTimeOut(true);
    }

    /** The sample, or a warning saying why there is none. */
    record Result(Sample sample, ScheduleWarning warning) {}

    /**
     * Runs {@code type} for {@code request} (whose cancellation signal is replaced by the sampler's).
     *
     * @param type the report type
     * @param request the request, parameters resolved
     * @return the sample or the warning
     */
    Result sample(ReportType type, ReportRequest request) {
        Signal signal = new Signal(Instant.now().plus(timeout));
        ReportRequest bounded = new ReportRequest(
                request.executionId(),
                request.scheduleId(),
                request.tenantId(),
                request.ownerId(),
                request.reportTypeId(),
                request.parameters(),
                request.locale(),
                request.zone(),
                request.scheduledFor(),
                request.trigger(),
                signal);
        SampleSink sink = new SampleSink(signal);
        Future<?> running;
        try {
            running = executor.submit(() -> {
                try {
                    type.generate(bounded, sink);
                } catch (Exception e) {
                    if (!sink.full) {
                        throw e;
                    }
                }
                return null;
            });
        } catch (RejectedExecutionException busy) {
            return failed("too many previews are running on this instance; try again in a moment");
        }
        try {
            running.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            signal.cancelled = true;
            running.cancel(true);
            return new Result(
                    null,
                    new ScheduleWarning(
                            ScheduleWarning.Code.SAMPLE_TIMEOUT,
                            "report type '" + type.id() + "' took longer than the preview timeout of " + timeout
                                    + "; the schedule itself is valid, the sample was stopped",
                            "report_type"));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (!sink.full) {
                LOG.debug("Preview of report type '{}' failed", type.id(), cause);
                return failed("report type '" + type.id() + "' failed: " + Generation.describe(cause));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            signal.cancelled = true;
            running.cancel(true);
            return failed("the preview was interrupted");
        }
        if (sink.columns == null) {
            return failed("report type '" + type.id() + "' declared no columns");
        }
        return new Result(new Sample(sink.columns, sink.rows, sink.full), null);
    }

    private static Result failed(String message) {
        return new Result(null, new ScheduleWarning(ScheduleWarning.Code.SAMPLE_FAILED, message, "report_type"));
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }

    /** Values as JSON shows them: dates and times as ISO-8601 text, other objects by {@code toString()}. */
    static Object plain(Object value) {
        if (value == null || value instanceof String || value instanceof Boolean || value instanceof Number) {
            return value;
        }
        if (value instanceof TemporalAccessor || value instanceof io.scheduledreports.spi.DateRange) {
            return value.toString();
        }
        if (value instanceof Character || value instanceof CharSequence || value instanceof Enum<?>) {
            return value.toString();
        }
        return String.valueOf(value);
    }

    /** Stops a report once it is cancelled (timeout) or has given more rows than the sample needs. */
    private static final class Signal implements CancellationSignal {
        private final Instant deadline;
        volatile boolean cancelled;

        Signal(Instant deadline) {
            this.deadline = deadline;
        }

        @Override
        public boolean isCancelled() {
            return cancelled || Instant.now().isAfter(deadline);
        }

        @Override
        public Instant deadline() {
            return deadline;
        }
    }

    /** Thrown into the report type when the sample is complete; never escapes the sampler. */
    private static final class SampleComplete extends RuntimeException {
        SampleComplete() {
            super("preview sample complete", null, false, false);
        }
    }

    /** Keeps the columns and the first rows; one more row marks the sample truncated and stops the report. */
    private static final class SampleSink implements RowSink {
        private final Signal signal;
        volatile List<Column> columns;
        final List<List<Object>> rows = new ArrayList<>();
        volatile boolean full;

        SampleSink(Signal signal) {
            this.signal = signal;
        }

        @Override
        public void columns(List<Column> declared) {
            if (columns != null) {
                throw new IllegalStateException("columns declared twice");
            }
            if (declared == null || declared.isEmpty()) {
                throw new IllegalStateException("no columns declared");
            }
            var names = new HashSet<String>();
            for (Column c : declared) {
                if (!names.add(c.name())) {
                    throw new IllegalStateException("column '" + c.name() + "' declared twice");
                }
            }
            columns = List.copyOf(declared);
        }

        @Override
        public void row(Object... values) {
            if (columns == null) {
                throw new IllegalStateException("a row before the columns");
            }
            if (rows.size() == Sample.MAX_ROWS) {
                full = true;
                signal.cancelled = true;
                throw new SampleComplete();
            }
            signal.throwIfCancelled();
            rows.add(Arrays.stream(values).map(Sampler::plain).toList());
        }
    }
}
