package io.scheduledreports.delivery.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ByteSizesTest {

    @Test
    void formatsInBinaryUnitsWithOneDecimal() {
        assertThat(ByteSizes.format(0)).isEqualTo("0 bytes");
        assertThat(ByteSizes.format(1)).isEqualTo("1 byte");
        assertThat(ByteSizes.format(1023)).isEqualTo("1023 bytes");
        assertThat(ByteSizes.format(1536)).isEqualTo("1.5 KB");
        assertThat(ByteSizes.format(10L * 1024 * 1024)).isEqualTo("10 MB");
        assertThat(ByteSizes.format((long) (23.4 * 1024 * 1024))).isEqualTo("23.4 MB");
        assertThat(ByteSizes.format(3L * 1024 * 1024 * 1024)).isEqualTo("3 GB");
    }
}
