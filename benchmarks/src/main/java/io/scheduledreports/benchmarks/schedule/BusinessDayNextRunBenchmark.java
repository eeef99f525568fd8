package io.scheduledreports.benchmarks.schedule;

import io.scheduledreports.core.calendar.HolidayCalendars;
import io.scheduledreports.core.calendar.HolidayRules;
import io.scheduledreports.core.schedule.ScheduleSpec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One "next run after t" of the business-day forms against the plain forms they extend, in the same run, with the
 * same inputs as {@link NextRunBenchmark} (1,024 random instants in 2026-2027, America/New_York). The calendar is
 * the US federal one (eleven yearly rules, four of them observed).
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar BusinessDayNextRunBenchmark -f 1 -wi 3 -i 5 -w 2s -r 2s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BusinessDayNextRunBenchmark {
    private static final int INPUTS = 1024;

    private static final HolidayCalendars US_FEDERAL = HolidayCalendars.of(Map.of(
            "us-federal",
            HolidayRules.builder("us-federal")
                    .rules(
                            "01-01 observed",
                            "JAN MON#3",
                            "FEB MON#3",
                            "MAY MON#-1",
                            "06-19 observed",
                            "07-04 observed",
                            "SEP MON#1",
                            "OCT MON#2",
                            "11-11 observed",
                            "NOV THU#4",
                            "12-25 observed")
                    .build()));

    /** JSON of each schedule; the plain ones are the baselines. */
    private static final Map<String, String> SCHEDULES = Map.of(
            "daily",
            "{\"cadence\":\"daily\",\"time\":\"09:00\"",
            "businessDaily",
            "{\"cadence\":\"daily\",\"business_days\":true,\"time\":\"09:00\",\"holiday_calendar\":\"us-federal\"",
            "dailyOnHolidayNext",
            "{\"cadence\":\"daily\",\"time\":\"09:00\",\"holiday_calendar\":\"us-federal\"",
            "monthly15",
            "{\"cadence\":\"monthly\",\"day_of_month\":15,\"time\":\"09:00\"",
            "firstBusinessDay",
            "{\"cadence\":\"monthly\",\"day_of_month\":\"first_business_day\",\"time\":\"09:00\","
                    + "\"holiday_calendar\":\"us-federal\"",
            "cron",
            "{\"cadence\":\"cron\",\"cron_expression\":\"*/15 9-17 * * 1-5\"",
            "cronNth",
            "{\"cadence\":\"cron\",\"cron_expression\":\"0 9 * * FRI#2\"",
            "cronNthHolidays",
            "{\"cadence\":\"cron\",\"cron_expression\":\"0 9 * * MON#3\",\"holiday_calendar\":\"us-federal\"");

    @Param({
        "daily",
        "businessDaily",
        "dailyOnHolidayNext",
        "monthly15",
        "firstBusinessDay",
        "cron",
        "cronNth",
        "cronNthHolidays"
    })
    public String schedule;

    @Param({"America/New_York"})
    public String zone;

    private ScheduleSpec spec;
    private final Instant[] instants = new Instant[INPUTS];
    private int next;

    @Setup
    public void setUp() {
        spec = ScheduleSpec.fromJson(SCHEDULES.get(schedule) + ",\"timezone\":\"" + zone + "\"}", US_FEDERAL);
        SplittableRandom random = new SplittableRandom(2026);
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2028-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < INPUTS; i++) {
            instants[i] = Instant.ofEpochSecond(random.nextLong(from, to));
        }
    }

    @Benchmark
    public Optional<Instant> nextRun() {
        Instant after = instants[next];
        next = (next + 1) & (INPUTS - 1);
        return spec.nextRun(after);
    }
}
