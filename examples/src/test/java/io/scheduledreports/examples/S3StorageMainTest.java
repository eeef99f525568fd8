package io.scheduledreports.examples;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class S3StorageMainTest {

    @Test
    void storesTheReportInTheBucketAndDownloadsItThroughTheEngine() throws Exception {
        S3StorageMain.Outcome outcome = S3StorageMain.run();
        assertThat(outcome.objects())
                .singleElement()
                .asString()
                .as("{prefix}/{tenant}/{yyyy}/{mm}/{execution-id}/{file-name}")
                .matches("demo/acme/2026/02/[0-9a-f-]{36}/daily-sales-2026-02-16\\.csv");
        assertThat(outcome.csv()).contains("region,total").contains("North,1200.50");
    }
}
