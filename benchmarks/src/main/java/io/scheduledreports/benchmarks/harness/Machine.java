package io.scheduledreports.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Where and when a benchmark ran: results on a shared 2-core machine mean little without the load beside them.
 *
 * @param at when (UTC)
 * @param cores available processors
 * @param cpu CPU model, when known
 * @param memoryMb physical memory, when known
 * @param jvm JVM vendor and version
 * @param os operating system
 * @param database database server and version
 */
public record Machine(String at, int cores, String cpu, long memoryMb, String jvm, String os, String database) {

    /** A snapshot now. */
    public static Machine now(String database) {
        return new Machine(
                OffsetDateTime.now(ZoneOffset.UTC)
                        .truncatedTo(ChronoUnit.SECONDS)
                        .toString(),
                Runtime.getRuntime().availableProcessors(),
                readCpuModel(),
                readMemoryMb(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"),
                database);
    }

    /**
     * The machine's CPU counters since boot (from /proc/stat), in milliseconds summed over all cores: busy (user,
     * nice, system, irq, softirq) and steal (taken by the hypervisor for other guests). Zero where unknown.
     *
     * @param atMillis when read (epoch milliseconds)
     * @param busyMs busy time
     * @param stealMs stolen time
     */
    public record CpuCounters(long atMillis, long busyMs, long stealMs) {

        /** The counters now. */
        public static CpuCounters now() {
            long at = System.currentTimeMillis();
            try {
                String line = Files.readAllLines(Path.of("/proc/stat")).getFirst();
                String[] f = line.trim().split("\\s+");
                // cpu user nice system idle iowait irq softirq steal ... (clock ticks of 10 ms)
                long busy = Long.parseLong(f[1])
                        + Long.parseLong(f[2])
                        + Long.parseLong(f[3])
                        + Long.parseLong(f[6])
                        + Long.parseLong(f[7]);
                long steal = f.length > 8 ? Long.parseLong(f[8]) : 0;
                return new CpuCounters(at, busy * 10, steal * 10);
            } catch (IOException | RuntimeException e) {
                return new CpuCounters(at, 0, 0);
            }
        }

        /** Average busy cores between {@code earlier} and this. */
        public double busyCoresSince(CpuCounters earlier) {
            return (double) (busyMs - earlier.busyMs) / Math.max(1, atMillis - earlier.atMillis);
        }

        /** Average cores stolen by the hypervisor between {@code earlier} and this. */
        public double stealCoresSince(CpuCounters earlier) {
            return (double) (stealMs - earlier.stealMs) / Math.max(1, atMillis - earlier.atMillis);
        }
    }

    /** The 1, 5 and 15 minute load averages (from /proc/loadavg; -1 where unknown). */
    public static double[] loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return new double[] {
                Double.parseDouble(parts[0]), Double.parseDouble(parts[1]), Double.parseDouble(parts[2])
            };
        } catch (IOException | RuntimeException e) {
            double one = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                    .getSystemLoadAverage();
            return new double[] {one, -1, -1};
        }
    }

    /** The load averages as text, e.g. {@code 1.52 / 1.20 / 0.98}. */
    public static String loadText() {
        double[] l = loadAverage();
        return String.format(java.util.Locale.ROOT, "%.2f / %.2f / %.2f", l[0], l[1], l[2]);
    }

    private static String readCpuModel() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
            return lines.stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst()
                    .orElse("unknown");
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long readMemoryMb() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream()
                    .filter(l -> l.startsWith("MemTotal:"))
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024)
                    .findFirst()
                    .orElse(-1L);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
