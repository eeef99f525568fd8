package io.scheduledreports.benchmarks.schedule;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;

/**
 * The {@link BusinessDayNextRunBenchmark} schedules timed by the CPU time of the measuring thread instead of the
 * wall clock, for a machine shared with other work: time the thread spends descheduled is not counted, so the
 * ratios between schedules survive a busy machine that makes JMH's wall-clock figures noise. Each schedule is
 * warmed up, then timed in rounds of 1,000,000 calls; the best and the median round are printed, in ns per call.
 * Give one schedule per JVM for fair figures: in one JVM the later schedules run behind call sites the earlier
 * ones made megamorphic.
 *
 * <p>Run: {@code for s in daily businessDaily cron cronNth; do java -cp benchmarks/target/benchmarks.jar
 * io.scheduledreports.benchmarks.schedule.NextRunCpuTimeMain 15 $s; done}
 */
public final class NextRunCpuTimeMain {
    private static final int CALLS = 1_000_000;

    private NextRunCpuTimeMain() {}

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<String> schedules = args.length > 1
                ? List.of(args).subList(1, args.length)
                : List.of(
                        "daily",
                        "businessDaily",
                        "dailyOnHolidayNext",
                        "monthly15",
                        "firstBusinessDay",
                        "cron",
                        "cronNth",
                        "cronNthHolidays");
        long sink = 0;
        System.out.printf("%-20s %12s %12s%n", "schedule", "best ns", "median ns");
        for (String name : schedules) {
            BusinessDayNextRunBenchmark b = new BusinessDayNextRunBenchmark();
            b.schedule = name;
            b.zone = "America/New_York";
            b.setUp();
            for (int i = 0; i < 5 * CALLS; i++) {
                sink += b.nextRun().map(java.time.Instant::getEpochSecond).orElse(0L);
            }
            double[] perCall = new double[rounds];
            for (int r = 0; r < rounds; r++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < CALLS; i++) {
                    sink += b.nextRun().map(java.time.Instant::getEpochSecond).orElse(0L);
                }
                perCall[r] = (threads.getCurrentThreadCpuTime() - start) / (double) CALLS;
            }
            java.util.Arrays.sort(perCall);
            System.out.printf("%-20s %12.1f %12.1f%n", name, perCall[0], perCall[rounds / 2]);
        }
        System.out.println("(checksum " + sink + ")");
    }
}
