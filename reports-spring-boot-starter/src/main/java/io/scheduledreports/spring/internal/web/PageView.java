package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.Page;
import java.util.List;
import java.util.function.Function;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One page of a list.
 *
 * @param items the items
 * @param page 0-based page number
 * @param size page size
 * @param total items over all pages
 * @param totalPages number of pages
 * @param <T> item type
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record PageView<T>(List<T> items, int page, int size, long total, long totalPages) {

    static <S, T> PageView<T> of(Page<S> page, Function<? super S, ? extends T> mapper) {
        return new PageView<>(
                page.items().stream().<T>map(mapper).toList(),
                page.page(),
                page.size(),
                page.total(),
                page.totalPages());
    }
}
