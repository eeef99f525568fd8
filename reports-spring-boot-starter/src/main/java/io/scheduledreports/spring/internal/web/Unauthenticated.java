package io.scheduledreports.spring.internal.web;

/** The request carries no usable identity; answered with 401. */
final class Unauthenticated extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unauthenticated() {
        super("authentication required");
    }
}
