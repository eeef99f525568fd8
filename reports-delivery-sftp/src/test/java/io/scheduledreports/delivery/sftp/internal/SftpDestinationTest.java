package io.scheduledreports.delivery.sftp.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SftpDestinationTest {

    @Test
    void parsesRelativeAbsoluteAndLoginDirectories() {
        assertThat(SftpDestination.parse("f", "sftp://finance/out/daily"))
                .isEqualTo(new SftpDestination("finance", "out/daily"));
        assertThat(SftpDestination.parse("f", "sftp://finance//srv/reports/"))
                .isEqualTo(new SftpDestination("finance", "/srv/reports"));
        assertThat(SftpDestination.parse("f", "sftp://finance")).isEqualTo(new SftpDestination("finance", "."));
        assertThat(SftpDestination.parse("f", "sftp://finance/")).isEqualTo(new SftpDestination("finance", "."));
        assertThat(SftpDestination.parse("f", "sftp://finance").resolve("a.csv"))
                .isEqualTo("a.csv");
        assertThat(SftpDestination.parse("f", "sftp://finance//").resolve("a.csv"))
                .isEqualTo("/a.csv");
    }

    @Test
    void refusesTraversalControlCharactersAndBadNames() {
        assertThatThrownBy(() -> SftpDestination.parse("recipients.destination", "sftp://fin ance/x"))
                .hasMessage("recipients.destination: the connection name must match [A-Za-z0-9_-]{1,64},"
                        + " was 'sftp://fin ance/x'");
        assertThatThrownBy(() -> SftpDestination.parse("d", "sftp://f/a/../b")).hasMessageContaining("'..'");
        assertThatThrownBy(() -> SftpDestination.parse("d", "sftp://f/a//b")).hasMessageContaining("empty");
        assertThatThrownBy(() -> SftpDestination.parse("d", "sftp://f/a\nb")).hasMessageContaining("control");
        assertThatThrownBy(() -> SftpDestination.parse("d", null))
                .hasMessage("d: must be sftp://<connection>/<directory>, was null");
    }

    @Test
    void targetNamesCarryTheExecutionIdBeforeTheExtensions() {
        assertThat(RemoteNames.target("weekly-sales-2026-02-16.csv.gz", "e1"))
                .isEqualTo("weekly-sales-2026-02-16-e1.csv.gz");
        assertThat(RemoteNames.target("../../etc/passwd", "e1")).isEqualTo("_-e1.._etc_passwd");
        assertThat(RemoteNames.target("report", "e 1")).isEqualTo("report-e_1");
        assertThat(RemoteNames.temporary("r-e1.csv")).isEqualTo(".r-e1.csv.part");
    }
}
