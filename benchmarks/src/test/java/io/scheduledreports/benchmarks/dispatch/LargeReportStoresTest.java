package io.scheduledreports.benchmarks.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LargeReportStoresTest {

    @Test
    void storeOptionNamesTheStoresToRunInOrder() {
        assertThat(LargeReportBenchmark.stores("local")).containsExactly("local");
        assertThat(LargeReportBenchmark.stores("s3")).containsExactly("s3");
        assertThat(LargeReportBenchmark.stores("both")).containsExactly("local", "s3");
        assertThatThrownBy(() -> LargeReportBenchmark.stores("minio"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("store: must be local, s3 or both, was minio");
    }
}
