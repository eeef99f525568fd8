package io.scheduledreports.benchmarks.schedule;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.scheduledreports.core.schedule.ScheduleSpec;
import java.text.ParseException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TimeZone;
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
import org.springframework.scheduling.support.CronExpression;

/**
 * One "next run after t" for the same schedule in the same zone, computed by {@link ScheduleSpec} and by the
 * cron implementations of cron-utils ({@code ExecutionTime}), Spring ({@code CronExpression}) and Quartz
 * ({@code org.quartz.CronExpression}). The {@code t}s are 1,024 random instants in 2026-2027, cycled, so that
 * DST transitions and month ends are part of the mix. The other libraries get their input type ready-made
 * ({@code ZonedDateTime}, {@code Date}); ours converts from {@code Instant} itself.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar NextRunBenchmark -f 1 -wi 2 -i 3 -w 1s -r 1s}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class NextRunBenchmark {
    private static final int INPUTS = 1024;

    /** The schedule: daily 09:00, weekly Monday 09:00, monthly on the 15th 09:00, cron every 15 min 9-17 Mon-Fri. */
    @Param({"daily", "weekly", "monthly", "cron"})
    public String schedule;

    @Param({"America/New_York"})
    public String zone;

    private ScheduleSpec ours;
    private ExecutionTime cronUtils;
    private CronExpression spring;
    private org.quartz.CronExpression quartz;

    private final Instant[] instants = new Instant[INPUTS];
    private final ZonedDateTime[] zoned = new ZonedDateTime[INPUTS];
    private final Date[] dates = new Date[INPUTS];
    private int next;

    @Setup
    public void setUp() throws ParseException {
        ZoneId zoneId = ZoneId.of(zone);
        LocalTime nine = LocalTime.of(9, 0);
        String unix;
        String springCron;
        String quartzCron;
        switch (schedule) {
            case "daily" -> {
                ours = ScheduleSpec.daily(nine, zoneId);
                unix = "0 9 * * *";
                springCron = "0 0 9 * * *";
                quartzCron = "0 0 9 * * ?";
            }
            case "weekly" -> {
                ours = ScheduleSpec.weekly(DayOfWeek.MONDAY, nine, zoneId);
                unix = "0 9 * * 1";
                springCron = "0 0 9 * * MON";
                quartzCron = "0 0 9 ? * MON";
            }
            case "monthly" -> {
                ours = ScheduleSpec.monthly(15, nine, zoneId);
                unix = "0 9 15 * *";
                springCron = "0 0 9 15 * *";
                quartzCron = "0 0 9 15 * ?";
            }
            case "cron" -> {
                ours = ScheduleSpec.cron("*/15 9-17 * * 1-5", zoneId);
                unix = "*/15 9-17 * * 1-5";
                springCron = "0 */15 9-17 * * MON-FRI";
                quartzCron = "0 0/15 9-17 ? * MON-FRI";
            }
            default -> throw new IllegalArgumentException("schedule: unknown " + schedule);
        }
        cronUtils = ExecutionTime.forCron(
                new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX)).parse(unix));
        spring = CronExpression.parse(springCron);
        quartz = new org.quartz.CronExpression(quartzCron);
        quartz.setTimeZone(TimeZone.getTimeZone(zoneId));

        SplittableRandom random = new SplittableRandom(2026);
        long from = Instant.parse("2026-01-01T00:00:00Z").getEpochSecond();
        long to = Instant.parse("2028-01-01T00:00:00Z").getEpochSecond();
        for (int i = 0; i < INPUTS; i++) {
            instants[i] = Instant.ofEpochSecond(random.nextLong(from, to));
            zoned[i] = instants[i].atZone(zoneId);
            dates[i] = Date.from(instants[i]);
        }
    }

    private int index() {
        int i = next;
        next = (i + 1) & (INPUTS - 1);
        return i;
    }

    @Benchmark
    public Optional<Instant> scheduledReports() {
        return ours.nextRun(instants[index()]);
    }

    /** Ten consecutive runs per call; divide by 10 for the cost of one run when paging through upcoming runs. */
    @Benchmark
    public List<Instant> scheduledReportsTenRuns() {
        return ours.nextRuns(instants[index()], 10);
    }

    @Benchmark
    public Optional<ZonedDateTime> cronUtils() {
        return cronUtils.nextExecution(zoned[index()]);
    }

    @Benchmark
    public ZonedDateTime spring() {
        return spring.next(zoned[index()]);
    }

    @Benchmark
    public Date quartz() {
        return quartz.getNextValidTimeAfter(dates[index()]);
    }
}
