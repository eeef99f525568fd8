package io.scheduledreports.core;

import java.util.List;
import java.util.function.Function;

/**
 * One page of a list.
 *
 * @param items the items of this page
 * @param page 0-based page number
 * @param size requested page size
 * @param total number of items over all pages
 * @param <T> item type
 */
public record Page<T>(List<T> items, int page, int size, long total) {

    /** Copies the items. */
    public Page {
        items = List.copyOf(items);
    }

    /** Number of pages. */
    public long totalPages() {
        return size == 0 ? 0 : (total + size - 1) / size;
    }

    /** Whether a later page exists. */
    public boolean hasNext() {
        return (long) (page + 1) * size < total;
    }

    /** This page with its items mapped. */
    public <R> Page<R> map(Function<? super T, ? extends R> mapper) {
        return new Page<>(items.stream().<R>map(mapper).toList(), page, size, total);
    }
}
