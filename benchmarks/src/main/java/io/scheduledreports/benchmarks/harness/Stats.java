package io.scheduledreports.benchmarks.harness;

import java.util.Arrays;
import java.util.Collection;
import java.util.Locale;

/**
 * Median, minimum and maximum of repeated measurements; with few repetitions on a noisy machine the spread
 * matters as much as the middle.
 *
 * @param n number of values
 * @param median the median
 * @param min the smallest
 * @param max the largest
 */
public record Stats(int n, double median, double min, double max) {

    /** Of these values. */
    public static Stats of(Collection<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (v.length == 0) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN);
        }
        double median = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
        return new Stats(v.length, median, v[0], v[v.length - 1]);
    }

    /** Of these values. */
    public static Stats of(double... values) {
        return of(Arrays.stream(values).boxed().toList());
    }

    /** {@code median (min-max)} with {@code decimals} decimals. */
    public String text(int decimals) {
        if (n == 0) {
            return "-";
        }
        String f = "%." + decimals + "f";
        return n == 1
                ? String.format(Locale.ROOT, f, median)
                : String.format(Locale.ROOT, f + " (" + f + "-" + f + ")", median, min, max);
    }

    /** Relative spread {@code (max - min) / median}, as a fraction. */
    public double spread() {
        return n == 0 || median == 0 ? 0 : (max - min) / median;
    }
}
