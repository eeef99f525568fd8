package io.scheduledreports.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.NoAlertPresentException;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in Debian's headless Chromium against a real application (Spring Security form login with CSRF
 * on, H2, the starter, a demo report type): the scenarios, each page screenshotted under
 * {@code target/screenshots}. Without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} the class is
 * skipped, unless {@code REPORTS_TEST_REQUIRE_BROWSER=true} (set by {@code .ci/run}), which fails it.
 */
@SpringBootTest(
        classes = DashboardTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:dashboard-browser;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=200ms",
            "scheduled-reports.artifact-directory=target/dashboard-browser-artifacts",
            "scheduled-reports.disk-guard.enabled=false",
            "scheduled-reports.manual-runs.cooldown=0s",
            "scheduled-reports.quotas.max-schedules-per-owner=50",
            "scheduled-reports.access.visibility=tenant",
            "scheduled-reports.dashboard.refresh-interval=1s"
        })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DashboardBrowserTest {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Path DOWNLOADS = Path.of("target", "browser-downloads").toAbsolutePath();

    @LocalServerPort
    int port;

    WebDriver driver;
    WebDriverWait wait;
    /** The weekly New York schedule the wizard creates, used by the later scenarios. */
    String weeklyId;

    @BeforeAll
    void startBrowser() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String message = "browser tests need Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + CHROMEDRIVER + "): apt-get install -y chromium chromium-driver";
            if ("true".equalsIgnoreCase(System.getenv("REPORTS_TEST_REQUIRE_BROWSER"))) {
                fail(message + " (REPORTS_TEST_REQUIRE_BROWSER=true)");
            }
            Assumptions.abort(message);
        }
        Files.createDirectories(SCREENSHOTS);
        Files.createDirectories(DOWNLOADS);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                // The viewer sits in another zone than the schedules, so both columns differ.
                .withEnvironment(Map.of("TZ", "Europe/Berlin"))
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--no-zygote",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--window-size=1280,1000",
                "--lang=en-US");
        options.setExperimentalOption(
                "prefs",
                Map.of("download.default_directory", DOWNLOADS.toString(), "download.prompt_for_download", false));
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(20), Duration.ofMillis(100));
        // The pages refresh themselves: an element found a moment ago may have been replaced since.
        wait.ignoring(StaleElementReferenceException.class);
        wait.ignoring(ElementClickInterceptedException.class);
        wait.withMessage(() -> "the page at " + driver.getCurrentUrl() + " shows: " + mainText());
    }

    /** Every page a scenario ends on, also when it fails. */
    @AfterEach
    void screenshotTheLastPage(TestInfo test) {
        if (driver != null) {
            screenshot("end-of-" + test.getTestMethod().orElseThrow().getName());
        }
    }

    @AfterAll
    void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    @Test
    @Order(1)
    void createsAWeeklyNewYorkScheduleInTheWizardAndThePreviewShowsTheDstShift() throws Exception {
        login("carl");
        open("#/new");
        WebElement name = waitFor(By.name("name"));
        name.sendKeys("Weekly sales, New York");
        new Select(driver.findElement(By.name("report_type"))).selectByVisibleText("Regional sales");
        new Select(waitFor(By.name("report_params.region"))).selectByValue("north");
        assertThat(driver.findElement(By.name("report_params.date_range")).getAttribute("value"))
                .isEqualTo("last_7_days");
        new Select(driver.findElement(By.name("schedule.cadence"))).selectByValue("weekly");
        setValue(driver.findElement(By.name("schedule.time")), "09:00");
        new Select(driver.findElement(By.name("schedule.timezone"))).selectByValue("America/New_York");
        WebElement recipient = driver.findElement(By.name("recipients[0].destination"));
        recipient.sendKeys("dana@example.com");
        // Every input has a label.
        for (WebElement input : driver.findElements(By.cssSelector("main input, main select"))) {
            String id = input.getAttribute("id");
            boolean labelled = input.getAttribute("aria-label") != null
                    || !driver.findElements(By.cssSelector("label[for='" + id + "']"))
                            .isEmpty();
            assertThat(labelled)
                    .as("a label for %s", input.getAttribute("name"))
                    .isTrue();
        }

        // POST /scheduled-reports/preview answers ten runs from "now" (2027-02-26): the third crosses into EDT.
        String shift = textOf(By.cssSelector("[data-test=preview] tr.dst"));
        assertThat(shift).contains("Mon, 15 Mar 2027, 09:00").contains("14:00 UTC → 13:00 UTC");
        assertThat(driver.findElements(By.cssSelector("[data-test=preview] table.runs tbody tr")))
                .hasSize(10);
        js().executeScript(
                        "arguments[0].scrollIntoView({block: 'start'}); window.scrollBy(0, -120);",
                        driver.findElement(By.cssSelector("[data-test=preview]")));
        screenshot("wizard");

        driver.findElement(By.cssSelector("form.wizard button[type=submit]")).click();
        WebElement title = wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("h1.name")));
        assertThat(title.getText()).isEqualTo("Weekly sales, New York");
        weeklyId = driver.getCurrentUrl().replaceAll(".*#/schedules/", "");
        assertThat(driver.findElement(By.cssSelector("dl.facts")).getText())
                .contains("Weekly on Monday at 09:00 (America/New_York)");
        // The saved schedule's own upcoming runs show the same shift.
        assertThat(textOf(By.cssSelector("table.runs tr.dst"))).contains("14:00 UTC → 13:00 UTC");
        screenshot("schedule-detail");
    }

    @Test
    @Order(2)
    void describesCronInWordsAndShowsTheServersValidationErrorsNextToTheirFields() {
        login("carl");
        open("#/new");
        waitFor(By.name("name")).sendKeys("Bad cron");
        new Select(waitFor(By.name("report_params.region"))).selectByValue("north");
        new Select(driver.findElement(By.name("schedule.cadence"))).selectByValue("cron");
        WebElement cron = driver.findElement(By.name("schedule.cron_expression"));
        cron.clear();
        cron.sendKeys("0 18 * * 5L");
        wait.until(ExpectedConditions.textToBe(
                By.cssSelector(".cron-words"), "At 18:00, on the last Friday of the month"));
        cron.clear();
        cron.sendKeys("0 9 * * 1-5");
        wait.until(ExpectedConditions.textToBe(By.cssSelector(".cron-words"), "At 09:00, on Monday through Friday"));
        // The page checks nothing itself (novalidate): the API's 400 names the field and the page puts it there.
        WebElement name = driver.findElement(By.name("name"));
        name.clear();
        click(By.cssSelector("form.wizard button[type=submit]"));
        String error = textOf(By.cssSelector("[data-error-for='name']"));
        assertThat(error).isNotBlank();
        assertThat(name.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(textOf(By.cssSelector(".error-summary"))).contains("The schedule was not saved");
        assertThat(driver.getCurrentUrl()).endsWith("#/new");
        screenshot("wizard-errors");
    }

    @Test
    @Order(3)
    void runNowReachesSucceededAndTheFileDownloads() throws Exception {
        login("carl");
        open("#/schedules/" + weeklyId);
        click(By.cssSelector("[data-action=run]"));
        assertThat(textOf(By.cssSelector("tr[data-execution][data-status=SUCCEEDED]")))
                .contains("manual")
                .contains("3");
        try (Stream<Path> old = Files.list(DOWNLOADS)) {
            old.forEach(p -> p.toFile().delete());
        }
        click(By.cssSelector("tr[data-status=SUCCEEDED] [data-action=download]"));
        Path file = new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> {
            try (Stream<Path> files = Files.list(DOWNLOADS)) {
                return files.filter(p -> p.toString().endsWith(".csv"))
                        .findFirst()
                        .orElse(null);
            } catch (Exception e) {
                return null;
            }
        });
        assertThat(Files.readString(file, StandardCharsets.UTF_8))
                .contains("region")
                .contains("north-1");
        click(By.cssSelector("tr[data-status=SUCCEEDED] [data-action=deliveries]"));
        assertThat(textOf(By.cssSelector("tr.deliveries li[data-delivery]")))
                .contains("sent")
                .contains("email: dana@example.com");
        screenshot("schedule-history");
    }

    @Test
    @Order(4)
    void pausesAndResumes() {
        login("carl");
        open("#/schedules/" + weeklyId);
        click(By.cssSelector("[data-action=pause]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".title [data-status=PAUSED]")));
        click(By.cssSelector("[data-action=resume]"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(".title [data-status=ACTIVE]")));
        assertThat(driver.findElements(By.cssSelector("[data-action=pause]"))).hasSize(1);
    }

    @Test
    @Order(5)
    void aViewerSeesNoEditButtonsAndTheApiRefusesIfForced() throws Exception {
        login("vera");
        open("#/schedules");
        waitFor(By.cssSelector("main h1"));
        assertThat(driver.findElement(By.cssSelector("[data-nav=new]")).isDisplayed())
                .isFalse();
        assertThat(driver.findElement(By.cssSelector("[data-nav=admin]")).isDisplayed())
                .isFalse();
        assertThat(driver.findElements(By.cssSelector("a.button.primary[href='#/new']")))
                .isEmpty();
        // Visibility "tenant": a viewer reads a colleague's schedule (by its link) but may not change it.
        open("#/schedules/" + weeklyId);
        assertThat(textOf(By.cssSelector("h1.name"))).isEqualTo("Weekly sales, New York");
        waitFor(By.cssSelector("dl.facts"));
        assertThat(driver.findElements(By.cssSelector(
                        "[data-action=run], [data-action=pause], [data-action=resume], [data-action=edit],"
                                + " [data-action=delete]")))
                .isEmpty();
        Map<String, Object> forced = fetch("POST", "/api/v1/scheduled-reports/" + weeklyId + "/pause", null);
        assertThat(forced.get("status")).isEqualTo(403L);
        assertThat((String) forced.get("body")).contains("creator");
        screenshot("viewer-detail");
    }

    @Test
    @Order(6)
    void anAdminRetriesADeadLetter() throws Exception {
        login("ada");
        open("#/schedules");
        waitFor(By.cssSelector("table.schedules"));
        Map<String, Object> created = fetch("POST", "/api/v1/scheduled-reports", """
                {"name": "South (fails)", "report_type": "regional_sales",
                 "report_params": {"date_range": "last_7_days", "region": "south"},
                 "schedule": {"cadence": "daily", "time": "06:00", "timezone": "Europe/Berlin"}}""");
        assertThat(created.get("status")).as("%s", created).isEqualTo(201L);
        String id = ((String) created.get("body")).replaceAll("(?s).*?\"id\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        assertThat(fetch("POST", "/api/v1/scheduled-reports/" + id + "/run", null)
                        .get("status"))
                .isEqualTo(202L);
        open("#/admin");
        assertThat(textOf(By.cssSelector("tr[data-dead-letter][data-status=UNRESOLVED]")))
                .contains("no sales figures exist for region south");
        assertThat(textOf(By.cssSelector("[data-test=queue-depth]"))).contains("Queue depth");
        screenshot("admin");
        click(By.cssSelector("tr[data-dead-letter][data-status=UNRESOLVED] input[type=checkbox]"));
        click(By.cssSelector("[data-action=retry]"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("toast"), "1 queued again."));
        new Select(driver.findElement(By.name("status"))).selectByValue("retried");
        wait.until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("tr[data-dead-letter][data-status=RETRIED]")));

        // The schedule's audit trail (admins only), from GET /audit-events?entity_id=
        open("#/schedules/" + id);
        assertThat(textOf(By.cssSelector("ul.audit"))).contains("ada").contains("CREATE");
    }

    @Test
    @Order(7)
    void aScheduleNamedLikeMarkupShowsAsTextAndRunsNoScript() {
        login("carl");
        open("#/schedules");
        waitFor(By.cssSelector("main h1"));
        String evil = "<img src=x onerror=alert(1)>";
        Map<String, Object> created = fetch("POST", "/api/v1/scheduled-reports", """
                {"name": "%s", "report_type": "regional_sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "schedule": {"cadence": "daily", "time": "07:00", "timezone": "UTC"}}""".formatted(evil));
        assertThat(created.get("status")).as("%s", created).isEqualTo(201L);
        driver.navigate().refresh();
        WebElement link = wait.until(ExpectedConditions.presenceOfElementLocated(
                By.xpath("//a[contains(@class,'name') and text()='" + evil + "']")));
        assertThat(link.getText()).isEqualTo(evil);
        assertThat(driver.findElements(By.cssSelector("main img"))).isEmpty();
        link.click();
        WebElement title = waitFor(By.cssSelector("h1.name"));
        assertThat(title.getText()).isEqualTo(evil);
        assertThat(driver.findElements(By.cssSelector("main img"))).isEmpty();
        try {
            driver.switchTo().alert();
            fail("an alert opened: the name ran as markup");
        } catch (NoAlertPresentException expected) {
            // the name stayed text
        }
    }

    @Test
    @Order(8)
    void theListWorksAt390PixelsAndByKeyboard() throws Exception {
        login("ada");
        open("#/schedules");
        waitFor(By.cssSelector("table.schedules"));
        screenshot("schedules");
        driver.manage().window().setSize(new Dimension(390, 844));
        try {
            driver.navigate().refresh();
            WebElement table = waitFor(By.cssSelector("table.schedules"));
            Long scrollWidth = (Long) js().executeScript("return document.documentElement.scrollWidth;");
            assertThat(scrollWidth).as("no horizontal scrolling at 390 px").isLessThanOrEqualTo(390L);
            assertThat(table.findElement(By.cssSelector("td[data-label='Name']"))
                            .getText())
                    .isNotBlank();
            screenshot("schedules-390");
        } finally {
            driver.manage().window().setSize(new Dimension(1280, 1000));
        }
        // Keyboard: the skip link is first and shows when focused, the navigation follows, links open by Enter.
        driver.navigate().refresh();
        waitFor(By.cssSelector("table.schedules"));
        js().executeScript("document.querySelector('.skip').focus();");
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Skip to content");
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("Schedules");
        driver.switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(driver.switchTo().activeElement().getText()).isEqualTo("New schedule");
        driver.switchTo().activeElement().sendKeys(Keys.ENTER);
        wait.until(d -> "name".equals(d.switchTo().activeElement().getAttribute("name")));
    }

    // ---------------------------------------------------------------- helpers

    private void login(String user) {
        driver.manage().deleteAllCookies();
        driver.get("http://localhost:" + port + "/login");
        waitFor(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(DashboardTestApplication.PASSWORD);
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> !d.getCurrentUrl().contains("/login"));
    }

    private void open(String hash) {
        driver.get("http://localhost:" + port + "/scheduled-reports/" + hash);
        wait.until(ExpectedConditions.invisibilityOfElementLocated(By.xpath("//main/p[text()='Loading…']")));
    }

    /** The text of the element once it is shown, read again if a refresh replaced it. */
    private String textOf(By by) {
        return wait.until(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() || !found.get(0).isDisplayed()
                    ? null
                    : found.get(0).getText();
        });
    }

    /** Clicks the element once it is shown and enabled, finding it again if a refresh replaced it. */
    private void click(By by) {
        wait.until(d -> {
            WebElement e = d.findElement(by);
            if (!e.isDisplayed() || !e.isEnabled()) {
                return false;
            }
            e.click();
            return true;
        });
    }

    private WebElement waitFor(By by) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    private String mainText() {
        try {
            return driver.findElement(By.tagName("main")).getText();
        } catch (RuntimeException e) {
            return "(no main element: " + e.getMessage().lines().findFirst().orElse("") + ")";
        }
    }

    private JavascriptExecutor js() {
        return (JavascriptExecutor) driver;
    }

    private void setValue(WebElement input, String value) {
        js().executeScript(
                        "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}));"
                                + " arguments[0].dispatchEvent(new Event('change', {bubbles: true}));",
                        input,
                        value);
    }

    /** A call from the page with its session and CSRF token, as the dashboard makes them: status and body. */
    @SuppressWarnings("unchecked")
    private Map<String, Object> fetch(String method, String path, String body) {
        Object result = js().executeAsyncScript("""
                const [method, path, body, done] = arguments;
                const header = document.querySelector('meta[name="_csrf_header"]').content;
                const token = document.querySelector('meta[name="_csrf"]').content;
                const headers = {'Content-Type': 'application/json'};
                headers[header] = token;
                fetch(path, {method, headers, body: body || undefined})
                  .then(async r => done({status: r.status, body: await r.text()}))
                  .catch(e => done({status: -1, body: String(e)}));
                """, method, path, body);
        return (Map<String, Object>) result;
    }

    private void screenshot(String name) {
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        try {
            Files.copy(shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
