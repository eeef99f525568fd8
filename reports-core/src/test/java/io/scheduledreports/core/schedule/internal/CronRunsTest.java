package io.scheduledreports.core.schedule.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The local matching of cron expressions against cron-utils' own {@code ExecutionTime} in UTC, where there is no
 * DST for the two to disagree on; and against a brute-force minute walk for the day-of-month OR day-of-week
 * rule, where cron-utils differs from Vixie cron.
 */
class CronRunsTest {
    private static final CronParser FIVE = new CronParser(CronRuns.definition(false));
    private static final CronParser SIX = new CronParser(CronRuns.definition(true));

    @BeforeAll
    static void quietCronUtilsDebugLogging() {
        if (LoggerFactory.getLogger("com.cronutils") instanceof ch.qos.logback.classic.Logger logger) {
            logger.setLevel(ch.qos.logback.classic.Level.INFO);
        }
    }

    @Test
    void matchesTheSameLocalTimesAsCronUtilsForRandomExpressions() {
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < 500; i++) {
            boolean seconds = random.nextInt(4) == 0;
            boolean restrictDayOfMonth = random.nextBoolean();
            String expression = (seconds ? field(random, 0, 59) + " " : "")
                    + field(random, 0, 59) + " "
                    + field(random, 0, 23) + " "
                    + (restrictDayOfMonth ? field(random, 1, 31) : "*") + " "
                    + field(random, 1, 12) + " "
                    + (restrictDayOfMonth ? "*" : field(random, 0, 7));
            CronRuns runs;
            try {
                runs = CronRuns.parse(expression);
            } catch (IllegalArgumentException e) {
                continue; // e.g. "0 0 31 2 *": never matches, rejected on purpose
            }
            ExecutionTime reference = ExecutionTime.forCron((seconds ? SIX : FIVE).parse(expression));
            LocalDateTime start = LocalDateTime.of(2020, 1, 1, 0, 0).plusSeconds(random.nextLong(20L * 365 * 86_400));
            assertThat(walk(runs, start, 25))
                    .as("'%s' from %s", expression, start)
                    .isEqualTo(walk(reference, start, 25));
        }
    }

    @Test
    void matchesEitherDayFieldWhenBothAreRestrictedLikeVixieCron() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 300; i++) {
            String dom = field(random, 1, 31).replace("*", "1-31");
            String dow = field(random, 0, 7).replace("*", "0-7");
            String expression = "0 12 " + dom + " * " + dow;
            CronRuns runs = CronRuns.parse(expression);
            CronRuns dayOfMonthOnly = CronRuns.parse("0 12 " + dom + " * *");
            CronRuns dayOfWeekOnly = CronRuns.parse("0 12 * * " + dow);
            LocalDateTime start = LocalDateTime.of(2024, 1, 1, 0, 0).plusDays(random.nextInt(3_000));
            List<LocalDateTime> expected = new ArrayList<>();
            for (LocalDateTime day = start.plusDays(1).withHour(12); expected.size() < 20; day = day.plusDays(1)) {
                if (dayOfMonthOnly.firstAtOrAfter(utc(day)) == utc(day)
                        || dayOfWeekOnly.firstAtOrAfter(utc(day)) == utc(day)) {
                    expected.add(day);
                }
            }
            assertThat(walk(runs, start.withHour(12), 20))
                    .as("'%s' from %s", expression, start)
                    .isEqualTo(expected);
        }
    }

    @Test
    void findsTheNextLocalMatchIncludingTheStartingSecond() {
        CronRuns runs = CronRuns.parse("30 9 * * 1-5");
        long friday = utc(LocalDateTime.parse("2026-06-05T09:30"));

        assertThat(runs.firstAtOrAfter(friday)).isEqualTo(friday);
        assertThat(runs.firstAtOrAfter(friday + 1)).isEqualTo(utc(LocalDateTime.parse("2026-06-08T09:30")));
    }

    private static List<LocalDateTime> walk(CronRuns runs, LocalDateTime start, int count) {
        List<LocalDateTime> result = new ArrayList<>();
        long at = utc(start);
        for (int i = 0; i < count; i++) {
            at = runs.firstAtOrAfter(at + 1);
            result.add(LocalDateTime.ofEpochSecond(at, 0, ZoneOffset.UTC));
        }
        return result;
    }

    private static List<LocalDateTime> walk(ExecutionTime reference, LocalDateTime start, int count) {
        List<LocalDateTime> result = new ArrayList<>();
        ZonedDateTime at = start.atZone(ZoneOffset.UTC);
        for (int i = 0; i < count; i++) {
            at = reference.nextExecution(at).orElseThrow();
            result.add(at.toLocalDateTime());
        }
        return result;
    }

    private static long utc(LocalDateTime ldt) {
        return ldt.toEpochSecond(ZoneOffset.UTC);
    }

    /** A random cron field over [min, max]: *, a value, a range, a step, a stepped range, or a list. */
    private static String field(SplittableRandom random, int min, int max) {
        int a = random.nextInt(min, max + 1);
        int b = random.nextInt(a, max + 1);
        int step = random.nextInt(1, Math.max(2, (max - min) / 2));
        return switch (random.nextInt(7)) {
            case 0 -> "*";
            case 1 -> Integer.toString(a);
            case 2 -> a + "-" + b;
            case 3 -> "*/" + step;
            case 4 -> a + "-" + b + "/" + step;
            case 5 -> a + "," + b;
            default -> a + "," + random.nextInt(min, max + 1) + "-" + max;
        };
    }
}
