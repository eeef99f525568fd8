package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import io.scheduledreports.formats.PdfFormatter;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code format_options} over REST: a host's PDF formatter bean with a registered logo, a schedule with PDF
 * branding created, shown and run, the generated PDF's text read with PDFBox; bad options are 400 problems naming
 * {@code format_options.<name>}.
 */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:format-options-api;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=100ms",
            "scheduled-reports.artifact-directory=target/format-options-api-artifacts",
            "scheduled-reports.disk-guard.enabled=false"
        })
@AutoConfigureMockMvc
@Import(FormatOptionsApiTest.Branding.class)
class FormatOptionsApiTest {

    /** The host's PDF formatter: the bean with the id "pdf" replaces the default one, with the host's logo. */
    @Configuration(proxyBeanMethods = false)
    static class Branding {
        @Bean
        PdfFormatter brandedPdf() {
            try {
                Path logo = Files.createTempFile("acme-logo", ".png");
                logo.toFile().deleteOnExit();
                BufferedImage image = new BufferedImage(40, 20, BufferedImage.TYPE_INT_RGB);
                var g = image.createGraphics();
                g.setColor(new Color(0x1F, 0x6F, 0xB2));
                g.fillRect(0, 0, 40, 20);
                g.dispose();
                ImageIO.write(image, "png", logo.toFile());
                return PdfFormatter.builder().logoFile("acme", logo).build();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static final String BASE = "/api/v1";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    record Response(int status, MockHttpServletResponse raw, JsonNode json) {}

    private Response call(HttpMethod method, String path, String body) throws Exception {
        MockHttpServletRequestBuilder req = request(method, BASE + path)
                .header("X-Tenant", "acme")
                .header("X-User", "brand-owner")
                .header("X-Roles", "creator");
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        String type = String.valueOf(res.getContentType());
        JsonNode json = type.contains("json") ? JSON.readTree(res.getContentAsString(StandardCharsets.UTF_8)) : null;
        return new Response(res.getStatus(), res, json);
    }

    private static String pdfSchedule(String formatOptions) {
        return """
                {"name": "Board pack", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "south"},
                 "output_format": "pdf",
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "Europe/Paris"},
                 "format_options": %s}
                """.formatted(formatOptions);
    }

    @Test
    void brandedPdfScheduleIsShownAndItsRunCarriesTitleHeaderAndFooter() throws Exception {
        Response created = call(HttpMethod.POST, "/scheduled-reports", pdfSchedule("""
                {"title": "Sales {region}", "subtitle": "Weekly board pack",
                 "header": "ACME internal - {report}", "footer": "ACME Corp - page {page}",
                 "accent": "#1F6FB2", "logo": "acme", "page_size": "a4", "orientation": "portrait"}
                """));
        assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
        JsonNode options = created.json().get("format_options");
        assertThat(options.get("title").asString()).isEqualTo("Sales {region}");
        assertThat(options.get("logo").asString()).isEqualTo("acme");
        String id = created.json().get("id").asString();
        assertThat(call(HttpMethod.GET, "/scheduled-reports/" + id, null).json().get("format_options"))
                .isEqualTo(options);

        Response run = call(HttpMethod.POST, "/scheduled-reports/" + id + "/run", null);
        assertThat(run.status()).isEqualTo(202);
        String execution = run.json().get("id").asString();
        Await.until(() -> "SUCCEEDED".equals(status(id, execution)), "execution " + execution);
        Response file = call(HttpMethod.GET, "/report-executions/" + execution + "/download", null);
        assertThat(file.status()).isEqualTo(200);
        try (PDDocument doc = Loader.loadPDF(file.raw().getContentAsByteArray())) {
            assertThat(new PDFTextStripper().getText(doc))
                    .contains("Sales south", "Weekly board pack", "ACME internal - Board pack", "ACME Corp - page 1");
            assertThat(doc.getPage(0).getMediaBox().getWidth())
                    .as("A4 portrait")
                    .isBetween(595f, 596f);
        }
    }

    private String status(String schedule, String execution) {
        try {
            return call(HttpMethod.GET, "/scheduled-reports/" + schedule + "/executions/" + execution, null)
                    .json()
                    .get("status")
                    .asString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void deliveryOptionNumbersAndBooleansAreAcceptedAndReturnedAsStrings() throws Exception {
        // e-mail's inline_rows is a number; clients send it as one
        Response created = call(HttpMethod.POST, "/scheduled-reports", """
                {"name": "Numbers", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "south"},
                 "schedule": {"cadence": "daily", "time": "09:00", "timezone": "UTC"},
                 "delivery_options": {"memory": {"subject": 10}}}
                """);
        assertThat(created.status()).as("%s", created.json()).isEqualTo(201);
        assertThat(created.json()
                        .get("delivery_options")
                        .get("memory")
                        .get("subject")
                        .asString())
                .isEqualTo("10");
    }

    @Test
    void badOptionsAreProblemsNamingTheOption() throws Exception {
        assertProblem("{\"watermark\": \"DRAFT\"}", "format_options.watermark", "unknown option of format 'pdf'");
        assertProblem("{\"accent\": \"#12345\"}", "format_options.accent", "#RRGGBB");
        assertProblem("{\"logo\": \"/etc/passwd\"}", "format_options.logo", "must name a logo the host registered");
        assertProblem("{\"logo\": \"https://evil.example/logo.png\"}", "format_options.logo", "one of [acme]");
        assertProblem("{\"font\": \"/usr/share/fonts/x.ttf\"}", "format_options.font", "must be one of");
        assertProblem("{\"title\": {\"text\": \"x\"}}", "format_options.title", "a string, a number, a boolean");
    }

    private void assertProblem(String formatOptions, String field, String rule) throws Exception {
        Response r = call(HttpMethod.POST, "/scheduled-reports", pdfSchedule(formatOptions));
        assertThat(r.status()).as("%s", r.json()).isEqualTo(400);
        assertThat(r.raw().getContentType()).startsWith("application/problem+json");
        JsonNode error = r.json().get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo(field);
        assertThat(r.json().toString()).contains(rule);
    }
}
