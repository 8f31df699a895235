package org.cnlp.distill.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingPlotTest {

    private static final int WHITE = 0xFFFFFF;

    @TempDir
    Path dir;

    private static List<EpochMetrics> run(int epochs) {
        List<EpochMetrics> list = new ArrayList<>();
        for (int e = 1; e <= epochs; e++) {
            double disease = 0.9 - 0.5 / e;
            double chemical = 0.95 - 0.4 / e;
            list.add(new EpochMetrics(e, 500L * e, 1.2 / e, 3e-5, 60, Map.of("Disease", disease, "Chemical", chemical),
                    (disease + chemical) / 2 + 0.01));
        }
        return list;
    }

    private BufferedImage writeAndRead(List<EpochMetrics> epochs, String title) throws IOException {
        Path png = dir.resolve("plots").resolve("training.png");
        TrainingPlot.write(epochs, title, png);
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image, "ImageIO cannot read " + png);
        assertEquals(TrainingPlot.WIDTH, image.getWidth());
        assertEquals(TrainingPlot.HEIGHT, image.getHeight());
        assertFalse(Files.exists(png.resolveSibling("training.png.tmp")));
        return image;
    }

    /** Distinct non-white colours in the rectangle [x0, x1) x [y0, y1). */
    private static Set<Integer> colours(BufferedImage image, int x0, int y0, int x1, int y1) {
        Set<Integer> colours = new HashSet<>();
        for (int y = y0; y < y1; y++) {
            for (int x = x0; x < x1; x++) {
                int rgb = image.getRGB(x, y) & 0xFFFFFF;
                if (rgb != WHITE) {
                    colours.add(rgb);
                }
            }
        }
        return colours;
    }

    private static int rgb(Color colour) {
        return colour.getRGB() & 0xFFFFFF;
    }

    @Test
    void writesAReadablePngWithBothPanelsDrawn() throws IOException {
        BufferedImage image = writeAndRead(run(6), "teacher: BERT on BC5CDR");
        int mid = TrainingPlot.PANEL_WIDTH;
        int top = TrainingPlot.PLOT_TOP;
        int bottom = TrainingPlot.HEIGHT - 60;
        Set<Integer> plot = colours(image, 0, top, TrainingPlot.WIDTH, bottom);
        assertTrue(plot.size() >= 3, "distinct colours in the plot region: " + plot.size());

        Set<Integer> loss = colours(image, 0, top, mid, bottom);
        assertTrue(loss.contains(rgb(TrainingPlot.LOSS_COLOR)), "loss curve missing");
        Set<Integer> f1 = colours(image, mid, top, TrainingPlot.WIDTH, bottom);
        assertTrue(f1.contains(rgb(TrainingPlot.MICRO_COLOR)), "micro F1 curve missing");
        assertTrue(f1.contains(rgb(TrainingPlot.TYPE_COLORS.get(0))), "first type's curve missing");
        assertTrue(f1.contains(rgb(TrainingPlot.TYPE_COLORS.get(1))), "second type's curve missing");
        assertFalse(f1.contains(rgb(TrainingPlot.LOSS_COLOR)), "loss colour in the F1 panel");
        assertFalse(colours(image, 0, 0, TrainingPlot.WIDTH, 32).isEmpty(), "no title");
    }

    @Test
    void replacesAnEarlierPlot() throws IOException {
        writeAndRead(run(2), "run");
        BufferedImage image = writeAndRead(run(8), "run");
        assertTrue(colours(image, 0, TrainingPlot.PLOT_TOP, TrainingPlot.WIDTH, TrainingPlot.HEIGHT).size() >= 3);
    }

    @Test
    void oneEpochGivesAPlot() throws IOException {
        BufferedImage image = writeAndRead(run(1), "one epoch");
        Set<Integer> loss = colours(image, 0, TrainingPlot.PLOT_TOP, TrainingPlot.PANEL_WIDTH, TrainingPlot.HEIGHT);
        assertTrue(loss.contains(rgb(TrainingPlot.LOSS_COLOR)), "single loss dot missing");
    }

    @Test
    void nanValuesAndMissingTypesAreSkipped() throws IOException {
        List<EpochMetrics> epochs = List.of(
                new EpochMetrics(3, 30, Double.NaN, 1e-5, 10, Map.of("Disease", Double.NaN), Double.NaN),
                new EpochMetrics(1, 10, 0.7, 1e-5, 10, Map.of("Disease", 0.4), 0.4),
                new EpochMetrics(2, 20, Double.NaN, Double.NaN, Double.NaN, Map.of("Chemical", 0.5), Double.NaN));
        BufferedImage image = writeAndRead(epochs, "gaps");
        assertTrue(colours(image, 0, TrainingPlot.PLOT_TOP, TrainingPlot.WIDTH, TrainingPlot.HEIGHT).size() >= 3);
    }

    @Test
    void allNanOrNoEpochsStillGiveAPlot() throws IOException {
        writeAndRead(List.of(new EpochMetrics(0, 0, Double.NaN, Double.NaN, Double.NaN, Map.of(), Double.NaN)), "nan");
        writeAndRead(List.of(), "no epochs yet");
        writeAndRead(List.of(new EpochMetrics(1, 1, 5000, 0, 1, Map.of(), 0.2),
                new EpochMetrics(100, 9, 0.5000001, 0, 1, Map.of(), 0.9)), "x".repeat(300));
    }
}
