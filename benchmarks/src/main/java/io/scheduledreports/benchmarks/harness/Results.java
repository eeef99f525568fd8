package io.scheduledreports.benchmarks.harness;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * Where results go: {@code benchmarks/results/<name>-<date>.json} (and {@code .png}), relative to the project root
 * or to the benchmarks module, whichever the benchmark is run from; {@code --results-dir} overrides.
 */
public final class Results {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final Path directory;

    private Results(Path directory) {
        this.directory = directory;
    }

    /** The results directory from {@code --results-dir}, else {@code benchmarks/results} or {@code results}. */
    public static Results from(Args args) {
        String given = args.string("results-dir", null);
        Path dir;
        if (given != null) {
            dir = Path.of(given);
        } else if (Files.isDirectory(Path.of("benchmarks", "src"))) {
            dir = Path.of("benchmarks", "results");
        } else {
            dir = Path.of("results");
        }
        return new Results(dir.toAbsolutePath().normalize());
    }

    /** The directory. */
    public Path directory() {
        return directory;
    }

    /** {@code <dir>/<name>-<yyyy-MM-dd>.<extension>} (today, UTC). */
    public Path file(String name, String extension) {
        return directory.resolve(name + "-" + LocalDate.now(ZoneOffset.UTC) + "." + extension);
    }

    /** Writes {@code value} as indented JSON to {@code <name>-<date>.json} and returns the file. */
    public Path writeJson(String name, Object value) {
        Path file = file(name, "json");
        try {
            Files.createDirectories(directory);
            JSON.writeValue(file.toFile(), value);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The shared JSON mapper (results, and messages between the harness and its child JVMs). */
    public static ObjectMapper json() {
        return JSON;
    }
}
