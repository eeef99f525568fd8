package io.scheduledreports.core;

import io.scheduledreports.spi.ErrorCategory;
import java.time.Instant;

/**
 * One failed attempt of a generation or a delivery: the retry history of a {@link DeadLetter}.
 *
 * @param attempt 1-based attempt number (a replayed dead letter starts again at 1)
 * @param failedAt when the attempt failed
 * @param category why
 * @param message the error message
 */
public record AttemptFailure(int attempt, Instant failedAt, ErrorCategory category, String message) {}
