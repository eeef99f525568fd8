package io.scheduledreports.core;

import io.scheduledreports.spi.ReportsValidationException;

/**
 * Which page to return.
 *
 * @param page 0-based page number
 * @param size items per page, 1 to {@value #MAX_SIZE}
 */
public record PageRequest(int page, int size) {

    /** The largest page size. */
    public static final int MAX_SIZE = 200;

    /** Validates the request. */
    public PageRequest {
        if (page < 0) {
            throw new ReportsValidationException("page", "must be >= 0, was " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new ReportsValidationException("size", "must be 1-" + MAX_SIZE + ", was " + size);
        }
        if ((long) page * size > Integer.MAX_VALUE) {
            throw new ReportsValidationException(
                    "page",
                    "page x size must be at most " + Integer.MAX_VALUE + " rows from the start, was " + page + " x "
                            + size);
        }
    }

    /** The first page of 20. */
    public static PageRequest first() {
        return new PageRequest(0, 20);
    }

    /** A page. */
    public static PageRequest of(int page, int size) {
        return new PageRequest(page, size);
    }

    int offset() {
        return page * size;
    }
}
