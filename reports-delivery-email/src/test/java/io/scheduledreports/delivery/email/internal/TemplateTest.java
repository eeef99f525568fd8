package io.scheduledreports.delivery.email.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateTest {

    @Test
    void rendersVariablesAndLiteralBraces() {
        Template template = Template.body("body", "{{{report_name}}} has {row_count} rows");

        assertThat(template.renderText(Map.of("report_name", "Sales", "row_count", "12")))
                .isEqualTo("{Sales} has 12 rows");
        assertThat(template.variables()).containsExactly("report_name", "row_count");
    }

    @Test
    void rendersAMissingValueEmpty() {
        assertThat(Template.body("body", "Rows: {row_count}.").renderText(Map.of()))
                .isEqualTo("Rows: .");
    }

    @Test
    void escapesTextAndValuesInHtmlAndKeepsLineBreaks() {
        Template template = Template.body("body", "<p> & {report_name}\r\nnext");

        assertThat(template.renderHtml(Map.of("report_name", "<script>alert('x')</script>\nline 2")))
                .isEqualTo("&lt;p&gt; &amp; &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;<br>\nline 2<br>\nnext");
    }

    @Test
    void linksTheDownloadUrlInHtmlOnlyWhenItIsHttp() {
        Template template = Template.body("body", "Get it: {download_url}");

        assertThat(template.renderHtml(Map.of("download_url", "https://example.com/d?a=1&token=x\"y")))
                .isEqualTo("Get it: <a href=\"https://example.com/d?a=1&amp;token=x&quot;y\">"
                        + "https://example.com/d?a=1&amp;token=x&quot;y</a>");
        assertThat(template.renderHtml(Map.of("download_url", "javascript:alert(1)")))
                .isEqualTo("Get it: javascript:alert(1)");
        assertThat(template.renderText(Map.of("download_url", "https://example.com/d")))
                .isEqualTo("Get it: https://example.com/d");
    }

    @Test
    void aSubjectLineTurnsEachRunOfControlCharactersIntoOneSpace() {
        Template subject = Template.subject("subject", "{report_name} ({date})");

        assertThat(subject.renderLine(Map.of("report_name", " Sales\r\n\tQ1\u2028", "date", "2026-03-02")))
                .isEqualTo("Sales Q1  (2026-03-02)");
    }
}
