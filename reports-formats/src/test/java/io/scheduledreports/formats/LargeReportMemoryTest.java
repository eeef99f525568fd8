package io.scheduledreports.formats;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Memory stays flat in the number of rows: each large report is written in a forked JVM with a 64 MB heap
 * (every text value unique, so nothing can be shared), which fails with OutOfMemoryError if a writer keeps rows.
 */
class LargeReportMemoryTest {

    @ParameterizedTest(name = "{0}: {1} rows x 10 columns in -Xmx64m")
    @CsvSource({"csv, 1000000", "xlsx, 1000000", "pdf, 1000000", "pdf-table, 100000"})
    void writesALargeReportInASmallHeap(String format, long rows) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(
                        java.toString(),
                        "-Xmx64m",
                        "-XX:+UseSerialGC",
                        "-cp",
                        System.getProperty("java.class.path"),
                        LargeReportMain.class.getName(),
                        format,
                        Long.toString(rows)))
                .redirectErrorStream(true)
                .start();
        process.getOutputStream().close();
        byte[] output = process.getInputStream().readAllBytes();
        boolean done = process.waitFor(10, TimeUnit.MINUTES);
        if (!done) {
            process.destroyForcibly();
        }
        String out = new String(output, StandardCharsets.UTF_8);

        assertThat(done).as("finished in time").isTrue();
        assertThat(process.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("OutOfMemoryError").containsPattern("rows=" + rows + " bytes=\\d{6,}");
    }
}
