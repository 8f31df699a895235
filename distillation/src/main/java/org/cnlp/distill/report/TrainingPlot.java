package org.cnlp.distill.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.SortedSet;
import java.util.TreeSet;

import javax.imageio.ImageIO;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Draws the curves of a training run as a {@value #WIDTH}x{@value #HEIGHT} PNG: training loss per epoch on the left,
 * dev F1 per epoch on the right (one line per entity type plus the micro F1, y axis 0..1, legend below). NaN values
 * and types missing from an epoch are skipped (the line breaks there); one epoch or none still gives a plot.
 *
 * <p>Runs AWT headless: unless the JVM was started with {@code java.awt.headless} set, this class sets it to
 * {@code true} before touching AWT.
 */
public final class TrainingPlot {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    /** Image width in pixels. */
    public static final int WIDTH = 900;

    /** Image height in pixels. */
    public static final int HEIGHT = 500;

    static final Color LOSS_COLOR = new Color(31, 119, 180);
    static final Color MICRO_COLOR = new Color(40, 40, 40);
    static final List<Color> TYPE_COLORS = List.of(new Color(255, 127, 14), new Color(44, 160, 44),
            new Color(214, 39, 40), new Color(148, 103, 189), new Color(140, 86, 75), new Color(227, 119, 194),
            new Color(188, 189, 34), new Color(23, 190, 207), new Color(127, 127, 127));

    static final int PANEL_WIDTH = WIDTH / 2;
    static final int PLOT_TOP = 66;

    private static final Color GRID_COLOR = new Color(228, 228, 228);
    private static final Color AXIS_COLOR = new Color(90, 90, 90);
    private static final Color TEXT_COLOR = new Color(30, 30, 30);
    private static final Color NOTE_COLOR = new Color(150, 150, 150);
    private static final Font TITLE_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 16);
    private static final Font PANEL_FONT = new Font(Font.SANS_SERIF, Font.BOLD, 13);
    private static final Font TICK_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final Stroke LINE = new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    private static final Stroke DASHED = new BasicStroke(2.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f,
            new float[] {7f, 4f}, 0f);
    private static final Stroke THIN = new BasicStroke(1f);
    private static final int RIGHT_MARGIN = 16;
    private static final int LEGEND_ROW = 16;
    private static final int LEGEND_SAMPLE = 22;
    private static final double DOT = 6;

    /** One curve: a value per epoch (NaN where there is none). */
    private record Series(String label, Color color, Stroke stroke, double[] values) {
    }

    /** A value axis from {@code lo} to {@code hi} with ticks every {@code step}. */
    private record Axis(double lo, double hi, double step, int decimals) {

        List<Double> ticks() {
            List<Double> ticks = new ArrayList<>();
            for (int i = 0;; i++) {
                double v = lo + i * step;
                if (v > hi + step * 1e-6) {
                    return ticks;
                }
                ticks.add(Math.abs(v) < step * 1e-6 ? 0.0 : v);
            }
        }

        String label(double v) {
            return String.format(Locale.ROOT, "%." + decimals + "f", v);
        }
    }

    /** The epoch axis: from {@code lo} to {@code hi}, integer ticks every {@code step}. */
    private record EpochAxis(double lo, double hi, int step) {

        List<Integer> ticks() {
            List<Integer> ticks = new ArrayList<>();
            for (long t = (long) Math.ceil(lo / step) * step; t <= hi; t += step) {
                ticks.add((int) t);
            }
            return ticks;
        }
    }

    /** Where a panel's plot area lies. */
    private record Frame(int left, int top, int right, int bottom) {
    }

    private TrainingPlot() {
    }

    /**
     * Draws {@code epochs} (in any order; they are sorted by epoch) under {@code title} and writes the PNG to
     * {@code png}, creating its folder if needed; the file is replaced through {@code png.tmp} and a rename.
     */
    public static void write(List<EpochMetrics> epochs, String title, Path png) throws IOException {
        Objects.requireNonNull(epochs, "epochs");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(png, "png");
        List<EpochMetrics> sorted = epochs.stream().sorted(Comparator.comparingInt(EpochMetrics::epoch)).toList();
        byte[] bytes = encodePng(render(sorted, title));
        Path folder = png.toAbsolutePath().getParent();
        if (folder != null) {
            Files.createDirectories(folder);
        }
        AtomicFiles.write(png, bytes);
    }

    /** Draws the plot of {@code epochs}, sorted by epoch. */
    static BufferedImage render(List<EpochMetrics> epochs, String title) {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, WIDTH, HEIGHT);
            g.setColor(TEXT_COLOR);
            g.setFont(TITLE_FONT);
            drawCentered(g, fit(g, title, WIDTH - 20), WIDTH / 2.0, 26);

            double[] xs = epochs.stream().mapToDouble(EpochMetrics::epoch).toArray();
            EpochAxis epochAxis = epochAxis(xs);
            Series loss = new Series("train loss", LOSS_COLOR, LINE,
                    epochs.stream().mapToDouble(EpochMetrics::trainLoss).toArray());
            Axis lossAxis = valueAxis(loss.values());
            List<Series> f1 = f1Series(epochs);
            Axis f1Axis = new Axis(0, 1, 0.2, 2);

            g.setFont(TICK_FONT);
            int f1Left = PANEL_WIDTH + plotLeftOffset(g, f1Axis);
            int f1Right = WIDTH - RIGHT_MARGIN;
            List<List<Series>> legend = legendRows(g, f1, f1Right - f1Left);
            int bottom = legend.isEmpty() ? HEIGHT - 40 : HEIGHT - 62 - (legend.size() - 1) * LEGEND_ROW;
            bottom = Math.max(bottom, PLOT_TOP + 120);

            Frame lossFrame = new Frame(plotLeftOffset(g, lossAxis), PLOT_TOP, PANEL_WIDTH - RIGHT_MARGIN, bottom);
            drawPanel(g, lossFrame, "training loss per epoch", lossAxis, epochAxis, xs, List.of(loss));
            Frame f1Frame = new Frame(f1Left, PLOT_TOP, f1Right, bottom);
            drawPanel(g, f1Frame, "dev F1 per epoch", f1Axis, epochAxis, xs, f1);
            drawLegend(g, legend, f1Left, bottom + 50);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static List<Series> f1Series(List<EpochMetrics> epochs) {
        SortedSet<String> types = new TreeSet<>();
        epochs.forEach(m -> types.addAll(m.devF1().keySet()));
        List<Series> series = new ArrayList<>();
        int i = 0;
        for (String type : types) {
            double[] values = epochs.stream().mapToDouble(m -> m.devF1().getOrDefault(type, Double.NaN)).toArray();
            series.add(new Series(type, TYPE_COLORS.get(i++ % TYPE_COLORS.size()), LINE, values));
        }
        series.add(new Series("micro F1", MICRO_COLOR, DASHED,
                epochs.stream().mapToDouble(EpochMetrics::devMicroF1).toArray()));
        return series;
    }

    private static EpochAxis epochAxis(double[] xs) {
        if (xs.length == 0) {
            return new EpochAxis(-0.3, 1.3, 1);
        }
        double min = xs[0];
        double max = xs[xs.length - 1];
        double span = max - min;
        double pad = Math.max(0.3, span * 0.04);
        int step = span <= 10 ? 1 : (int) Math.max(1, Math.round(niceStep(span, 10)));
        return new EpochAxis(min - pad, max + pad, step);
    }

    /** An axis covering the finite {@code values} with round ticks (0..1 when there are none). */
    private static Axis valueAxis(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        if (min > max) {
            return new Axis(0, 1, 0.2, 2);
        }
        boolean nonNegative = min >= 0;
        if (max - min < 1e-12) {
            double half = Math.max(Math.abs(min) * 0.1, 0.05);
            min -= half;
            max += half;
        }
        if (max - min < 0.01) {
            double center = (min + max) / 2;
            min = center - 0.005;
            max = center + 0.005;
        }
        if (nonNegative) {
            min = Math.max(min, 0);
        }
        double step = niceStep(max - min, 5);
        double lo = Math.floor(min / step) * step;
        double hi = Math.ceil(max / step) * step;
        return new Axis(lo, hi, step, step >= 0.0099 ? 2 : 3);
    }

    /** A round step (1, 2 or 5 times a power of ten) giving at most about {@code maxTicks} intervals over span. */
    private static double niceStep(double span, int maxTicks) {
        double raw = span / maxTicks;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double norm = raw / magnitude;
        double nice = norm <= 1 ? 1 : norm <= 2 ? 2 : norm <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** Distance from the panel's left edge to its plot area: room for the widest tick label. */
    private static int plotLeftOffset(Graphics2D g, Axis axis) {
        FontMetrics metrics = g.getFontMetrics(TICK_FONT);
        int widest = 0;
        for (double tick : axis.ticks()) {
            widest = Math.max(widest, metrics.stringWidth(axis.label(tick)));
        }
        return 14 + widest + 6;
    }

    private static void drawPanel(Graphics2D g, Frame f, String title, Axis axis, EpochAxis epochs, double[] xs,
            List<Series> series) {
        g.setFont(PANEL_FONT);
        g.setColor(TEXT_COLOR);
        drawCentered(g, title, (f.left() + f.right()) / 2.0, f.top() - 12);

        g.setFont(TICK_FONT);
        FontMetrics metrics = g.getFontMetrics();
        g.setStroke(THIN);
        for (double tick : axis.ticks()) {
            double y = toY(f, axis, tick);
            g.setColor(GRID_COLOR);
            g.draw(new Line2D.Double(f.left(), y, f.right(), y));
            g.setColor(TEXT_COLOR);
            String label = axis.label(tick);
            g.drawString(label, f.left() - 6 - metrics.stringWidth(label), (float) (y + metrics.getAscent() / 2.0 - 1));
        }
        for (int tick : epochs.ticks()) {
            double x = toX(f, epochs, tick);
            g.setColor(AXIS_COLOR);
            g.draw(new Line2D.Double(x, f.bottom(), x, f.bottom() + 4));
            g.setColor(TEXT_COLOR);
            drawCentered(g, Integer.toString(tick), x, f.bottom() + 17);
        }
        drawCentered(g, "epoch", (f.left() + f.right()) / 2.0, f.bottom() + 33);
        g.setColor(AXIS_COLOR);
        g.drawRect(f.left(), f.top(), f.right() - f.left(), f.bottom() - f.top());

        boolean any = false;
        g.setClip(f.left() - 4, f.top() - 4, f.right() - f.left() + 8, f.bottom() - f.top() + 8);
        for (Series s : series) {
            any |= drawSeries(g, f, axis, epochs, xs, s);
        }
        g.setClip(null);
        if (!any) {
            g.setColor(NOTE_COLOR);
            drawCentered(g, "no data", (f.left() + f.right()) / 2.0, (f.top() + f.bottom()) / 2.0);
        }
    }

    /** Draws lines between consecutive finite points and a dot on each; tells whether any point was drawn. */
    private static boolean drawSeries(Graphics2D g, Frame f, Axis axis, EpochAxis epochs, double[] xs, Series s) {
        g.setColor(s.color());
        g.setStroke(s.stroke());
        double[] v = s.values();
        for (int i = 1; i < v.length; i++) {
            if (Double.isFinite(v[i - 1]) && Double.isFinite(v[i])) {
                g.draw(new Line2D.Double(toX(f, epochs, xs[i - 1]), toY(f, axis, v[i - 1]),
                        toX(f, epochs, xs[i]), toY(f, axis, v[i])));
            }
        }
        boolean any = false;
        for (int i = 0; i < v.length; i++) {
            if (Double.isFinite(v[i])) {
                g.fill(dot(toX(f, epochs, xs[i]), toY(f, axis, v[i])));
                any = true;
            }
        }
        return any;
    }

    private static List<List<Series>> legendRows(Graphics2D g, List<Series> series, int width) {
        FontMetrics metrics = g.getFontMetrics(TICK_FONT);
        List<List<Series>> rows = new ArrayList<>();
        List<Series> row = new ArrayList<>();
        int used = 0;
        for (Series s : series) {
            int entry = legendEntryWidth(metrics, s);
            if (!row.isEmpty() && used + entry > width) {
                rows.add(row);
                row = new ArrayList<>();
                used = 0;
            }
            row.add(s);
            used += entry;
        }
        if (!row.isEmpty()) {
            rows.add(row);
        }
        return rows;
    }

    private static int legendEntryWidth(FontMetrics metrics, Series s) {
        return LEGEND_SAMPLE + 5 + metrics.stringWidth(s.label()) + 16;
    }

    private static void drawLegend(Graphics2D g, List<List<Series>> rows, int left, int firstRowCenter) {
        g.setFont(TICK_FONT);
        FontMetrics metrics = g.getFontMetrics();
        for (int r = 0; r < rows.size(); r++) {
            double y = firstRowCenter + r * LEGEND_ROW;
            int x = left;
            for (Series s : rows.get(r)) {
                g.setColor(s.color());
                g.setStroke(s.stroke());
                g.draw(new Line2D.Double(x, y, x + LEGEND_SAMPLE, y));
                g.fill(dot(x + LEGEND_SAMPLE / 2.0, y));
                g.setColor(TEXT_COLOR);
                g.drawString(s.label(), x + LEGEND_SAMPLE + 5, (float) (y + metrics.getAscent() / 2.0 - 1));
                x += legendEntryWidth(metrics, s);
            }
        }
        g.setStroke(THIN);
    }

    private static Ellipse2D dot(double x, double y) {
        return new Ellipse2D.Double(x - DOT / 2, y - DOT / 2, DOT, DOT);
    }

    private static double toX(Frame f, EpochAxis axis, double epoch) {
        return f.left() + (epoch - axis.lo()) / (axis.hi() - axis.lo()) * (f.right() - f.left());
    }

    private static double toY(Frame f, Axis axis, double value) {
        return f.bottom() - (value - axis.lo()) / (axis.hi() - axis.lo()) * (f.bottom() - f.top());
    }

    private static void drawCentered(Graphics2D g, String text, double centerX, double baseline) {
        int width = g.getFontMetrics().stringWidth(text);
        g.drawString(text, (float) (centerX - width / 2.0), (float) baseline);
    }

    /** {@code text}, cut and ended with "..." if wider than {@code maxWidth} in the current font. */
    private static String fit(Graphics2D g, String text, int maxWidth) {
        FontMetrics metrics = g.getFontMetrics();
        if (metrics.stringWidth(text) <= maxWidth) {
            return text;
        }
        String cut = text;
        while (!cut.isEmpty() && metrics.stringWidth(cut + "...") > maxWidth) {
            cut = cut.substring(0, cut.length() - 1);
        }
        return cut + "...";
    }

    private static byte[] encodePng(BufferedImage image) throws IOException {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("png");
        if (!writers.hasNext()) {
            throw new IOException("no PNG writer in this JVM (javax.imageio)");
        }
        ImageWriter writer = writers.next();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(image);
        } finally {
            writer.dispose();
        }
        return bytes.toByteArray();
    }
}
