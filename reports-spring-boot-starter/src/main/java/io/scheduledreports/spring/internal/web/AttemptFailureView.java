package io.scheduledreports.spring.internal.web;

import io.scheduledreports.core.AttemptFailure;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.annotation.JsonNaming;

/**
 * One failed attempt in a dead letter's retry history.
 *
 * @param attempt 1-based attempt number
 * @param failedAt when it failed
 * @param category error category
 * @param message error message (admins only read dead letters)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
record AttemptFailureView(int attempt, String failedAt, String category, String message) {

    static AttemptFailureView of(AttemptFailure a) {
        return new AttemptFailureView(
                a.attempt(), Json.instant(a.failedAt()), a.category().name(), a.message());
    }
}
