package io.scheduledreports.formats.internal;

import java.awt.Color;

/**
 * The colours of a PDF report. The default is the blue-grey palette; a brand's accent colour replaces the header
 * row's background (with white or dark header text, whichever contrasts more), the rule under it and the title.
 *
 * @param ink body text
 * @param muted secondary text (generation time, parameters, footer)
 * @param headerBackground the header row's background
 * @param headerText the header row's text
 * @param headerRule the line under the header row
 * @param stripe the background of every second row
 * @param rule the line under each row
 * @param title the title's colour
 */
record PdfStyle(
        Color ink,
        Color muted,
        Color headerBackground,
        Color headerText,
        Color headerRule,
        Color stripe,
        Color rule,
        Color title) {

    static final Color INK = new Color(0x1F, 0x26, 0x30);
    static final Color MUTED = new Color(0x55, 0x5F, 0x6D);

    /** The default palette. */
    static final PdfStyle DEFAULT = new PdfStyle(
            INK,
            MUTED,
            new Color(0xDD, 0xE4, 0xEE),
            INK,
            MUTED,
            new Color(0xF4, 0xF6, 0xF9),
            new Color(0xC5, 0xCD, 0xD8),
            INK);

    /** The palette with a brand's accent colour, or the default for null. */
    static PdfStyle accent(Color accent) {
        if (accent == null) {
            return DEFAULT;
        }
        // Relative luminance (WCAG): light accents get dark text, dark ones white.
        double l = 0.2126 * linear(accent.getRed())
                + 0.7152 * linear(accent.getGreen())
                + 0.0722 * linear(accent.getBlue());
        Color text = (l + 0.05) / 0.05 > 1.05 / (l + 0.05) ? INK : Color.WHITE;
        Color stripe = mix(accent, Color.WHITE, 0.93);
        return new PdfStyle(INK, MUTED, accent, text, accent, stripe, mix(accent, Color.WHITE, 0.7), accent);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static Color mix(Color a, Color b, double towardsB) {
        return new Color(
                (int) Math.round(a.getRed() + (b.getRed() - a.getRed()) * towardsB),
                (int) Math.round(a.getGreen() + (b.getGreen() - a.getGreen()) * towardsB),
                (int) Math.round(a.getBlue() + (b.getBlue() - a.getBlue()) * towardsB));
    }
}
