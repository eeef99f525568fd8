package io.scheduledreports.spi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportsValidationExceptionTest {

    @Test
    void splitsTheProblemIntoRuleAndActualValue() {
        ReportsValidationException e = new ReportsValidationException("workerThreads", "must be 1-256, was 0");
        assertThat(e.field()).isEqualTo("workerThreads");
        assertThat(e.rule()).isEqualTo("must be 1-256");
        assertThat(e.actual()).contains("0");
        assertThat(e).hasMessage("workerThreads: must be 1-256, was 0");
    }

    @Test
    void aProblemWithoutAValueHasOnlyARule() {
        ReportsValidationException e = new ReportsValidationException("name", "must not be blank");
        assertThat(e.rule()).isEqualTo("must not be blank");
        assertThat(e.actual()).isEmpty();
    }

    @Test
    void isBuiltFromItsParts() {
        ReportsValidationException e = ReportsValidationException.of("day_of_month", "must be 1-31", "32");
        assertThat(e).hasMessage("day_of_month: must be 1-31, was 32");
        assertThat(e.rule()).isEqualTo("must be 1-31");
        assertThat(e.actual()).contains("32");
    }

    @Test
    void refusedApiCallsCarryNoCategoryFailuresOfWorkDo() {
        assertThat(new ReportsAccessDeniedException("no").category()).isNull();
        assertThat(new ReportsAccessDeniedException("no").isFailureOfWork()).isFalse();
        ReportsException failure = new ReportsException(ErrorCategory.DATA, "region XX does not exist");
        assertThat(failure.category()).isEqualTo(ErrorCategory.DATA);
        assertThat(failure.isFailureOfWork()).isTrue();
    }
}
