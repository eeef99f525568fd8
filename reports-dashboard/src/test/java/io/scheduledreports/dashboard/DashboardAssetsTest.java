package io.scheduledreports.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.scheduledreports.dashboard.internal.DashboardPage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The static assets: small, no HTML built from strings, every module import resolvable (no build step). */
class DashboardAssetsTest {

    private static final Path UI = Path.of("src/main/resources" + DashboardPage.ASSETS);
    private static final Pattern IMPORT = Pattern.compile("from '\\./([^']+)'");

    @Test
    void theAssetsStayWellUnder300Kilobytes() throws IOException {
        long total;
        try (Stream<Path> files = Files.walk(UI)) {
            total = files.filter(Files::isRegularFile)
                    .mapToLong(p -> p.toFile().length())
                    .sum();
        }
        assertThat(total).as("bytes of %s", UI).isPositive().isLessThan(300 * 1024);
    }

    @Test
    void noScriptBuildsHtmlFromStrings() throws IOException {
        List<String> offenders = new ArrayList<>();
        for (Path js : scripts()) {
            String text = Files.readString(js);
            for (String sink : List.of("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(")) {
                if (text.contains(sink)) {
                    offenders.add(js.getFileName() + " uses " + sink);
                }
            }
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void everyModuleImportPointsToAnAsset() throws IOException {
        List<String> missing = new ArrayList<>();
        for (Path js : scripts()) {
            Matcher m = IMPORT.matcher(Files.readString(js));
            while (m.find()) {
                if (!Files.isRegularFile(UI.resolve(m.group(1)))) {
                    missing.add(js.getFileName() + " imports " + m.group(1));
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    private static List<Path> scripts() throws IOException {
        try (Stream<Path> files = Files.list(UI)) {
            return files.filter(p -> p.toString().endsWith(".js")).sorted().toList();
        }
    }
}
