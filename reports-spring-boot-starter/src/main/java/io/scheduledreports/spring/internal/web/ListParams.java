package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.PageRequest;
import io.scheduledreports.spi.ReportsValidationException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;
import java.util.TreeSet;

/**
 * Query parameters of list endpoints: {@code page}, {@code size} and its alias {@code limit}, and a 400
 * naming any parameter the endpoint does not define instead of silently ignoring it.
 */
final class ListParams {

    /** The paging parameters every list takes. */
    static final Set<String> PAGING = Set.of("page", "size", "limit");

    private ListParams() {}

    /**
     * Throws for the first query parameter that is neither paging nor in {@code filters}.
     *
     * @param request the request
     * @param filters the endpoint's filter parameters
     */
    static void refuseUnknown(HttpServletRequest request, Set<String> filters) {
        Set<String> known = new TreeSet<>(PAGING);
        known.addAll(filters);
        for (String name : new TreeSet<>(request.getParameterMap().keySet())) {
            if (!known.contains(name)) {
                String meant = UnknownFields.suggestion(name, known);
                throw new ReportsValidationException(
                        name,
                        "unknown query parameter" + (meant == null ? "" : "; did you mean " + meant + "?")
                                + " Parameters here: " + String.join(", ", known));
            }
        }
    }

    /** The page; {@code limit} is another name for {@code size} (default 20), and both must agree when sent. */
    static PageRequest page(Integer page, Integer size, Integer limit) {
        if (size != null && limit != null && !size.equals(limit)) {
            throw new ReportsValidationException(
                    "limit",
                    "is another name for size; send one of them, or the same value, was size=" + size + " and limit="
                            + limit);
        }
        Integer n = size != null ? size : limit;
        if (limit != null && size == null && (limit < 1 || limit > PageRequest.MAX_SIZE)) {
            throw new ReportsValidationException("limit", "must be 1-" + PageRequest.MAX_SIZE + ", was " + limit);
        }
        return PageRequest.of(page == null ? 0 : page, n == null ? 20 : n);
    }
}
