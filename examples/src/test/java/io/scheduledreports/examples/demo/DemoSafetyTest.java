package io.scheduledreports.examples.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;

/** The demo trusts headers, so it listens on loopback only, and its mailbox page shows data as text, never as
 * markup (the dashboard's own escaping is tested in a browser by reports-dashboard's DashboardBrowserTest). */
class DemoSafetyTest {

    static final String HOSTILE = "<img src=x onerror=alert(1)>";

    @Test
    void listensOnLoopbackUnlessToldOtherwise() throws IOException {
        assumeTrue(System.getenv("DEMO_ADDRESS") == null, "DEMO_ADDRESS is set in this environment");
        StandardEnvironment env = new StandardEnvironment();
        env.getPropertySources().addFirst(new ResourcePropertySource("classpath:application.properties"));
        assertThat(env.getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    /** Runs the mailbox page's render function under Node with hostile values and returns the HTML they build. */
    private static String render(String call) throws Exception {
        Path script = Path.of("src/main/resources/static/render.js").toAbsolutePath();
        assertThat(script).exists();
        String program = "const r = require(" + json(script.toString()) + "); const local = t => String(t);"
                + " const hostile = " + json(HOSTILE) + "; process.stdout.write(" + call + ");";
        Process node;
        try {
            node = new ProcessBuilder("node", "-e", program)
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException noNode) {
            assumeTrue(false, "node is not installed");
            throw noNode;
        }
        assertThat(node.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.exitValue()).as(out).isZero();
        return out;
    }

    private static String json(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    @Test
    void mailsShowServerValuesAsText() throws Exception {
        String mails = render("r.mailCards([{subject: hostile, to: [hostile], receivedAt: hostile,"
                + " attachments: [hostile], links: ['javascript:alert(1)', 'http://127.0.0.1/x?a=1&b=\"2'],"
                + " text: hostile, unsubscribe: 'javascript:alert(2)'}, {subject: 's', to: [], receivedAt: 'x',"
                + " attachments: [], links: [], text: 't', unsubscribe: 'http://127.0.0.1/u?token=a\"b'}], local)");
        assertThat(mails).doesNotContain("<img").doesNotContain("javascript:");
        assertThat(mails).contains("href=\"http://127.0.0.1/u?token=a&quot;b\"");
        assertThat(mails).contains("href=\"http://127.0.0.1/x?a=1&amp;b=&quot;2\"");
    }
}
