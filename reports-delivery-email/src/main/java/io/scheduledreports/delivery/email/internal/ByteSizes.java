package io.scheduledreports.delivery.email.internal;

import java.util.Locale;

/** Human-readable sizes in binary units with English labels: {@code 512 bytes}, {@code 23.4 MB}. */
public final class ByteSizes {

    private static final String[] UNITS = {"KB", "MB", "GB", "TB"};

    private ByteSizes() {}

    /** {@code bytes} as {@code 512 bytes}, {@code 1.5 KB}, {@code 10 MB}, ... (1 KB = 1024 bytes). */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes == 1 ? "1 byte" : bytes + " bytes";
        }
        double value = bytes;
        int unit = -1;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        String number = String.format(Locale.ROOT, "%.1f", value);
        if (number.endsWith(".0")) {
            number = number.substring(0, number.length() - 2);
        }
        return number + " " + UNITS[unit];
    }
}
