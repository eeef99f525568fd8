package io.scheduledreports.delivery.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdsTest {

    @Test
    void keepsSafeCharactersAndEscapesTheRest() {
        assertThat(MessageIds.of("3f2a-91_b+c")).isEqualTo("<3f2a-91_b+c@scheduled-reports>");
        assertThat(MessageIds.of("exec-1:rcpt 2")).isEqualTo("<exec-1=3Arcpt=202@scheduled-reports>");
        assertThat(MessageIds.of("a<b>@c\r\n")).isEqualTo("<a=3Cb=3E=40c=0D=0A@scheduled-reports>");
        assertThat(MessageIds.of("ü")).isEqualTo("<=C3=BC@scheduled-reports>");
    }

    @Test
    void differentKeysNeverShareAnId() {
        assertThat(MessageIds.of("a/b")).isNotEqualTo(MessageIds.of("a_b"));
        assertThat(MessageIds.of("a=2Fb")).isNotEqualTo(MessageIds.of("a/b"));
        assertThat(MessageIds.of("a.b")).isNotEqualTo(MessageIds.of("a-b"));
    }

    @Test
    void hashesKeysTooLongForAHeader() {
        String id = MessageIds.of("k".repeat(500));

        assertThat(id).matches("<sha256\\.[0-9a-f]{64}@scheduled-reports>");
        assertThat(MessageIds.of("k".repeat(501))).isNotEqualTo(id);
        assertThat(MessageIds.of("")).matches("<sha256\\.[0-9a-f]{64}@scheduled-reports>");
    }
}
