package io.scheduledreports.spring.internal;

import io.scheduledreports.spi.OutputFormatter;
import java.util.List;

/**
 * The formatters registered unless an {@link OutputFormatter} bean with the same id exists.
 *
 * @param formatters the formatters
 */
public record DefaultFormatters(List<OutputFormatter> formatters) {

    /** Copies the list. */
    public DefaultFormatters {
        formatters = List.copyOf(formatters);
    }
}
