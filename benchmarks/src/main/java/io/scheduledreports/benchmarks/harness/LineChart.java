package io.scheduledreports.benchmarks.harness;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * A small line chart drawn with Java2D: one line per series through the medians, with a bar from minimum to
 * maximum at each point. Enough for "throughput vs instances"; no charting library needed.
 */
public final class LineChart {

    /** One point: x, and the median, minimum and maximum of y. */
    public record Point(double x, double median, double min, double max) {}

    /** A named series. */
    public record Series(String name, List<Point> points) {}

    private static final Color[] COLORS = {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e), new Color(0x9467bd)
    };

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();
    private String footnote = "";

    /** A chart with a title and axis labels. */
    public LineChart(String title, String xLabel, String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    /** Adds a series. */
    public LineChart series(String name, List<Point> points) {
        series.add(new Series(name, List.copyOf(points)));
        return this;
    }

    /** A line of small print under the chart (machine, load, settings). */
    public LineChart footnote(String text) {
        this.footnote = text;
        return this;
    }

    /** Draws the chart into a PNG file. */
    public Path writePng(Path file, int width, int height) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            draw(g, width, height);
        } finally {
            g.dispose();
        }
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private void draw(Graphics2D g, int width, int height) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);

        int left = 90;
        int right = 30;
        int top = 60;
        int bottom = 110;
        int plotW = width - left - right;
        int plotH = height - top - bottom;

        double xMin = Double.MAX_VALUE;
        double xMax = -Double.MAX_VALUE;
        double yMax = 0;
        for (Series s : series) {
            for (Point p : s.points()) {
                xMin = Math.min(xMin, p.x());
                xMax = Math.max(xMax, p.x());
                yMax = Math.max(yMax, Math.max(p.max(), p.median()));
            }
        }
        if (xMin == Double.MAX_VALUE) {
            xMin = 0;
            xMax = 1;
        }
        if (xMax == xMin) {
            xMin -= 0.5;
            xMax += 0.5;
        }
        double xPad = (xMax - xMin) * 0.08;
        double x0 = xMin - xPad;
        double x1 = xMax + xPad;
        double yStep = niceStep(yMax <= 0 ? 1 : yMax * 1.1 / 6);
        double y1 = Math.max(yStep, Math.ceil(yMax * 1.1 / yStep) * yStep);

        // title
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 18));
        drawCentered(g, title, width / 2, 32);

        // grid and y ticks
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        for (double y = 0; y <= y1 + 1e-9; y += yStep) {
            int py = top + plotH - (int) Math.round(y / y1 * plotH);
            g.setColor(new Color(0xe6e6e6));
            g.drawLine(left, py, left + plotW, py);
            g.setColor(Color.DARK_GRAY);
            String label = format(y);
            g.drawString(label, left - 8 - fm.stringWidth(label), py + fm.getAscent() / 2 - 2);
        }
        // x ticks: each distinct x
        List<Double> xs = series.stream()
                .flatMap(s -> s.points().stream())
                .map(Point::x)
                .distinct()
                .sorted()
                .toList();
        for (double x : xs) {
            int px = left + (int) Math.round((x - x0) / (x1 - x0) * plotW);
            g.setColor(new Color(0xf0f0f0));
            g.drawLine(px, top, px, top + plotH);
            g.setColor(Color.DARK_GRAY);
            drawCentered(g, format(x), px, top + plotH + 20);
        }
        // axes
        g.setColor(Color.BLACK);
        g.drawLine(left, top + plotH, left + plotW, top + plotH);
        g.drawLine(left, top, left, top + plotH);
        drawCentered(g, xLabel, left + plotW / 2, top + plotH + 42);
        Graphics2D rotated = (Graphics2D) g.create();
        rotated.rotate(-Math.PI / 2);
        rotated.setFont(g.getFont());
        rotated.setColor(Color.BLACK);
        String yl = yLabel;
        rotated.drawString(yl, -(top + plotH / 2) - rotated.getFontMetrics().stringWidth(yl) / 2, 24);
        rotated.dispose();

        // series
        int legendX = left + 12;
        int legendY = top + 14;
        java.util.Map<Integer, List<Integer>> labelsAt = new java.util.HashMap<>();
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            Color c = COLORS[i % COLORS.length];
            g.setColor(c);
            g.setStroke(new BasicStroke(2.5f));
            int prevX = -1;
            int prevY = -1;
            for (Point p : s.points()) {
                int px = left + (int) Math.round((p.x() - x0) / (x1 - x0) * plotW);
                int py = top + plotH - (int) Math.round(p.median() / y1 * plotH);
                if (prevX >= 0) {
                    g.drawLine(prevX, prevY, px, py);
                }
                prevX = px;
                prevY = py;
            }
            g.setStroke(new BasicStroke(1.5f));
            for (Point p : s.points()) {
                int px = left + (int) Math.round((p.x() - x0) / (x1 - x0) * plotW);
                int py = top + plotH - (int) Math.round(p.median() / y1 * plotH);
                int pMin = top + plotH - (int) Math.round(p.min() / y1 * plotH);
                int pMax = top + plotH - (int) Math.round(p.max() / y1 * plotH);
                g.drawLine(px, pMin, px, pMax);
                g.drawLine(px - 5, pMin, px + 5, pMin);
                g.drawLine(px - 5, pMax, px + 5, pMax);
                g.fill(new Ellipse2D.Double(px - 4.5, py - 4.5, 9, 9));
                g.setColor(Color.BLACK);
                g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
                int labelY = py - 6;
                List<Integer> taken = labelsAt.computeIfAbsent(px, k -> new java.util.ArrayList<>());
                while (collides(taken, labelY)) {
                    labelY += LABEL_HEIGHT; // series close together: stack their labels instead of overprinting
                }
                taken.add(labelY);
                g.drawString(
                        String.format(Locale.ROOT, p.median() >= 100 ? "%,.0f" : "%,.1f", p.median()), px + 8, labelY);
                g.setColor(c);
            }
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
            g.fillRect(legendX, legendY + i * 20 - 9, 18, 4);
            g.setColor(Color.BLACK);
            g.drawString(s.name(), legendX + 26, legendY + i * 20 - 3);
        }

        // footnote
        g.setColor(Color.DARK_GRAY);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        int fy = top + plotH + 66;
        for (String line : wrap(footnote, g.getFontMetrics(), width - 40)) {
            g.drawString(line, 20, fy);
            fy += 15;
        }
    }

    private static List<String> wrap(String text, FontMetrics fm, int maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && fm.stringWidth(line + " " + word) > maxWidth) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.length() == 0 ? "" : " ").append(word);
        }
        if (line.length() > 0) {
            lines.add(line.toString());
        }
        return lines;
    }

    private static void drawCentered(Graphics2D g, String s, int x, int y) {
        g.drawString(s, x - g.getFontMetrics().stringWidth(s) / 2, y);
    }

    private static String format(double v) {
        return Math.abs(v - Math.rint(v)) < 1e-9
                ? String.format(Locale.ROOT, "%,d", (long) Math.rint(v))
                : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static double niceStep(double raw) {
        double exp = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / exp;
        double nice = f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10;
        return nice * exp;
    }

    private static final int LABEL_HEIGHT = 13;

    private static boolean collides(List<Integer> taken, int y) {
        for (int other : taken) {
            if (Math.abs(other - y) < LABEL_HEIGHT) {
                return true;
            }
        }
        return false;
    }
}
