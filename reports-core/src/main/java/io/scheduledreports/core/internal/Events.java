package io.scheduledreports.core.internal;

import io.scheduledreports.spi.ReportsListener;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls listeners, guarded: a listener that throws is logged and never affects the work. */
final class Events {
    private static final Logger LOG = LoggerFactory.getLogger(Events.class);

    private final List<ReportsListener> listeners;

    Events(List<ReportsListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    void publish(Consumer<ReportsListener> call) {
        for (ReportsListener l : listeners) {
            try {
                call.accept(l);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("ReportsListener {} threw; ignored", l.getClass().getName(), e);
            }
        }
    }
}
