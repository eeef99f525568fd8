package io.scheduledreports.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scheduledreports.spi.ReportsValidationException;
import org.junit.jupiter.api.Test;

class AuditActionTest {

    @Test
    void parsesANameIgnoringCaseAndBlanks() {
        assertThat(AuditAction.parse("action", " run_now ")).isEqualTo(AuditAction.RUN_NOW);
        assertThat(AuditAction.parse("action", "DOWNLOAD")).isEqualTo(AuditAction.DOWNLOAD);
    }

    @Test
    void anUnknownNameIsRefusedNamingTheFieldAndEveryAllowedValue() {
        assertThatThrownBy(() -> AuditAction.parse("action", "CRATE"))
                .isInstanceOfSatisfying(ReportsValidationException.class, e -> {
                    assertThat(e.field()).isEqualTo("action");
                    assertThat(e.actual()).contains("'CRATE'");
                    for (AuditAction a : AuditAction.values()) {
                        assertThat(e.rule()).contains(a.name());
                    }
                })
                .hasMessageStartingWith("action: must be one of CREATE, UPDATE, DELETE, ");
        assertThatThrownBy(() -> AuditAction.parse("action", null)).hasMessageEndingWith("was 'null'");
    }
}
