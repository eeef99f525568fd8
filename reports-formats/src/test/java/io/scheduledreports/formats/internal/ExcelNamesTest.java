package io.scheduledreports.formats.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExcelNamesTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(
            delimiter = '|',
            value = {
                "Sales|Sales",
                "Q1: Sales [EU] / 2026?|Q1- Sales -EU- - 2026-",
                "'   '|Report",
                "History|History 1",
                "a*b\\c|a-b-c",
            })
    void sheetNamesFollowExcelRules(String title, String expected) {
        assertThat(ExcelNames.sheetName(title, 1)).isEqualTo(expected);
    }

    @Test
    void longNamesAreCutToThirtyOneCharactersIncludingTheSheetNumber() {
        String title = "A report title that is much longer than Excel allows";

        assertThat(ExcelNames.sheetName(title, 1))
                .isEqualTo("A report title that is much lon")
                .hasSize(31);
        assertThat(ExcelNames.sheetName(title, 12))
                .isEqualTo("A report title that is muc (12)")
                .hasSizeLessThanOrEqualTo(31);
    }

    @Test
    void apostrophesCannotStartOrEndASheetName() {
        assertThat(ExcelNames.sheetName("'quoted' title'", 1)).isEqualTo("quoted' title");
    }

    @Test
    void aCutNeverSplitsAnEmojiInHalf() {
        String title = "x".repeat(30) + "😀";

        assertThat(ExcelNames.sheetName(title, 1)).isEqualTo("x".repeat(30));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "dd.MM.yyyy|dd.mm.yyyy",
                "yyyy-MM-dd HH:mm:ss|yyyy-mm-dd hh:mm:ss",
                "d MMM yy|d mmm yy",
                "EEEE, d MMMM yyyy|dddd, d mmmm yyyy",
                "hh:mm a|hh:mm AM/PM",
                "HH:mm:ss.SSS|hh:mm:ss.000",
                "dd 'de' MMMM|dd \"de\" mmmm",
            })
    void javaDatePatternsBecomeExcelFormats(String java, String excel) {
        assertThat(ExcelNames.excelDateFormat(java)).isEqualTo(excel);
    }

    @Test
    void patternsWithFieldsExcelCannotShowHaveNoExcelFormat() {
        assertThat(ExcelNames.excelDateFormat("yyyy-MM-dd'T'HH:mmXXX")).isNull();
        assertThat(ExcelNames.excelDateFormat("'week' w")).isNull();
        assertThat(ExcelNames.excelDateFormat("'unclosed")).isNull();
    }
}
