package io.scheduledreports.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Calendars from {@code scheduled-reports.calendars.*}, named by schedules through the REST API. */
@SpringBootTest(
        classes = ApiTestApplication.class,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:calendar-api-tests;DB_CLOSE_DELAY=-1",
            "scheduled-reports.polling-interval=100ms",
            "scheduled-reports.artifact-directory=target/calendar-api-test-artifacts",
            "scheduled-reports.disk-guard.enabled=false",
            "scheduled-reports.calendars.us-federal.holidays=01-01 observed, JAN MON#3, FEB MON#3, MAY MON#-1,"
                    + " 06-19 observed, 07-04 observed, SEP MON#1, OCT MON#2, 11-11 observed, NOV THU#4,"
                    + " 12-25 observed",
            "scheduled-reports.calendars.gulf.weekend=FRIDAY,SATURDAY",
            "scheduled-reports.calendars.gulf.holidays=2027-03-10",
            "scheduled-reports.calendars.gulf.tenants=globex",
            "scheduled-reports.download-links.base-url=http://localhost/api/v1/report-executions/download",
            "scheduled-reports.download-links.keys.test=" + ApiTestApplication.LINK_KEY
        })
@AutoConfigureMockMvc
class HolidayCalendarsApiTest {
    private static final String BASE = "/api/v1/scheduled-reports";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    MockMvc mvc;

    private JsonNode post(String tenant, String schedule, int expectedStatus) throws Exception {
        String body = """
                {"name": "Month start", "report_type": "sales",
                 "report_params": {"date_range": "last_7_days", "region": "north"},
                 "output_format": "csv", "schedule": %s,
                 "recipients": [{"channel": "memory", "destination": "a@example.com"}]}
                """.formatted(schedule);
        MockHttpServletResponse res = mvc.perform(request(HttpMethod.POST, BASE)
                        .header("X-Tenant", tenant)
                        .header("X-User", "u-" + UUID.randomUUID().toString().substring(0, 8))
                        .header("X-Roles", "creator")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content(body))
                .andReturn()
                .getResponse();
        JsonNode json = JSON.readTree(res.getContentAsString(StandardCharsets.UTF_8));
        assertThat(res.getStatus()).as("%s", json).isEqualTo(expectedStatus);
        return json;
    }

    @Test
    void aScheduleOnTheFirstBusinessDayShowsItsUpcomingRunsAroundHolidays() throws Exception {
        JsonNode created = post("acme", """
                {"cadence": "monthly", "day_of_month": "first_business_day", "time": "09:00",
                 "timezone": "America/New_York", "holiday_calendar": "us-federal"}""", 201);

        assertThat(created.get("schedule").get("holiday_calendar").asString()).isEqualTo("us-federal");
        JsonNode upcoming = created.get("upcoming_runs");
        assertThat(upcoming).isNotNull();
        // Whatever "now" is, every upcoming run is on a weekday that is not January 1st (observed or not).
        for (JsonNode run : upcoming) {
            java.time.ZonedDateTime at =
                    java.time.Instant.parse(run.asString()).atZone(java.time.ZoneId.of("America/New_York"));
            assertThat(at.getDayOfWeek().getValue()).as("%s", at).isLessThanOrEqualTo(5);
            assertThat(at.getDayOfMonth()).as("%s", at).isLessThanOrEqualTo(4);
            assertThat(at.toLocalTime()).isEqualTo(java.time.LocalTime.of(9, 0));
        }
    }

    @Test
    void anUnknownOrAnotherTenantsCalendarIsABadRequestNamingHolidayCalendar() throws Exception {
        String gulf = """
                {"cadence": "daily", "business_days": true, "time": "08:00", "timezone": "Asia/Riyadh",
                 "holiday_calendar": "gulf"}""";
        post("globex", gulf, 201);

        JsonNode refused = post("acme", gulf, 400);
        JsonNode error = refused.get("errors").get(0);
        assertThat(error.get("field").asString()).isEqualTo("schedule.holiday_calendar");
        assertThat(error.get("message").asString()).contains("unknown calendar 'gulf'");

        JsonNode unknown = post("acme", gulf.replace("gulf", "mars"), 400);
        assertThat(unknown.get("errors").get(0).get("field").asString()).isEqualTo("schedule.holiday_calendar");
    }

    private JsonNode send(HttpMethod method, String path, String tenant, String roles, String body, int expected)
            throws Exception {
        var req = request(method, path)
                .header("X-Tenant", tenant)
                .header("X-User", "admin-1")
                .header("X-Roles", roles);
        if (body != null) {
            req.contentType(MediaType.APPLICATION_JSON).content(body);
        }
        MockHttpServletResponse res = mvc.perform(req).andReturn().getResponse();
        String text = res.getContentAsString(StandardCharsets.UTF_8);
        assertThat(res.getStatus()).as("%s %s: %s", method, path, text).isEqualTo(expected);
        return text.isEmpty() ? null : JSON.readTree(text);
    }

    @Test
    void aStoredCalendarChangeMovesTheNextRunAtOnceAndTheScheduleSaysWhy() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        send(HttpMethod.PUT, "/api/v1/holiday-calendars/closing", tenant, "admin", "{\"rules\": []}", 201);
        JsonNode created = post(tenant, """
                {"cadence": "weekly", "day_of_week": 5, "time": "16:00", "timezone": "UTC",
                 "holiday_calendar": "closing"}""", 201);
        java.time.Instant friday =
                java.time.Instant.parse(created.get("next_run_at").asString());
        String day = friday.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
        assertThat(created.get("upcoming_runs_detail").get(0).has("moved_from")).isFalse();

        send(
                HttpMethod.PUT,
                "/api/v1/holiday-calendars/closing",
                tenant,
                "admin",
                "{\"rules\": [\"" + day + "\"], \"version\": 1}",
                200);

        JsonNode moved = send(HttpMethod.GET, BASE + "/" + created.get("id").asString(), tenant, "admin", null, 200);
        assertThat(moved.get("next_run_at").asString())
                .isEqualTo(friday.plus(java.time.Duration.ofDays(3)).toString());
        JsonNode first = moved.get("upcoming_runs_detail").get(0);
        assertThat(first.get("at").asString())
                .isEqualTo(moved.get("upcoming_runs").get(0).asString());
        assertThat(first.get("moved_from").asString()).isEqualTo(day);
        assertThat(first.get("reason").asString()).isEqualTo(day + " is a holiday in calendar closing");

        JsonNode inUse = send(HttpMethod.DELETE, "/api/v1/holiday-calendars/closing", tenant, "admin", null, 409);
        assertThat(inUse.get("schedule_ids").get(0).asString())
                .isEqualTo(created.get("id").asString());
        assertThat(inUse.get("errors").get(0).get("field").asString()).isEqualTo("holiday_calendar");
    }

    @Test
    void aTenantsStoredCalendarHidesTheHostsOfTheSameNameForThatTenantOnly() throws Exception {
        String tenant = "t-" + UUID.randomUUID().toString().substring(0, 8);
        JsonNode list = send(HttpMethod.GET, "/api/v1/holiday-calendars", tenant, "viewer", null, 200);
        assertThat(list.get("host_configured").toString()).isEqualTo("[\"us-federal\"]");
        assertThat(send(HttpMethod.GET, "/api/v1/holiday-calendars", "globex", "viewer", null, 200)
                        .get("host_configured")
                        .toString())
                .isEqualTo("[\"gulf\",\"us-federal\"]");

        // under the host's name, a calendar whose only business day is Sunday
        send(
                HttpMethod.PUT,
                "/api/v1/holiday-calendars/us-federal",
                tenant,
                "admin",
                "{\"weekend\": [\"MONDAY\", \"TUESDAY\", \"WEDNESDAY\", \"THURSDAY\", \"FRIDAY\", \"SATURDAY\"],"
                        + " \"rules\": []}",
                201);

        String firstBusinessDay = """
                {"cadence": "monthly", "day_of_month": "first_business_day", "time": "09:00", "timezone": "UTC",
                 "holiday_calendar": "us-federal"}""";
        JsonNode own = post(tenant, firstBusinessDay, 201);
        JsonNode host = post("acme", firstBusinessDay, 201);
        assertThat(own.get("upcoming_runs"))
                .hasSize(5)
                .allSatisfy(run -> assertThat(java.time.Instant.parse(run.asString())
                                .atZone(java.time.ZoneOffset.UTC)
                                .getDayOfWeek())
                        .isEqualTo(java.time.DayOfWeek.SUNDAY));
        assertThat(host.get("upcoming_runs"))
                .hasSize(5)
                .allSatisfy(run -> assertThat(java.time.Instant.parse(run.asString())
                                .atZone(java.time.ZoneOffset.UTC)
                                .getDayOfWeek()
                                .getValue())
                        .isLessThanOrEqualTo(5));
    }
}
