package org.cnlp.multimodal.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

class GreyImageTest {

    private static final float EPS = 1e-6f;

    @Test
    void shrinkingAveragesBlocks() {
        GreyImage image = new GreyImage(4, 4, new float[] {
            0.0f, 0.2f, 1.0f, 1.0f,
            0.4f, 0.6f, 1.0f, 0.0f,
            0.1f, 0.1f, 0.5f, 0.5f,
            0.1f, 0.1f, 0.5f, 0.5f});
        GreyImage small = image.resized(2, 2);
        assertArrayEquals(new float[] {0.3f, 0.75f, 0.1f, 0.5f}, small.pixels(), EPS);
    }

    @Test
    void shrinkingByAFractionWeighsPartialCoverage() {
        // 3 -> 2: output 0 covers [0, 1.5), output 1 covers [1.5, 3)
        GreyImage image = new GreyImage(3, 1, new float[] {0f, 0.3f, 0.6f});
        assertArrayEquals(new float[] {0.1f, 0.5f}, image.resized(2, 1).pixels(), EPS);
    }

    @Test
    void growingInterpolatesBetweenCentres() {
        GreyImage image = new GreyImage(2, 1, new float[] {0f, 1f});
        assertArrayEquals(new float[] {0f, 0.25f, 0.75f, 1f}, image.resized(4, 1).pixels(), EPS);
    }

    @Test
    void axesAreScaledIndependently() {
        GreyImage image = new GreyImage(2, 2, new float[] {0f, 1f, 0.5f, 0.5f});
        // rows grow 2 -> 4 (bilinear), columns shrink 2 -> 1 (average)
        assertArrayEquals(new float[] {0.25f, 0.375f, 0.625f, 0.75f}, image.resized(4, 1).pixels(), EPS);
    }

    @Test
    void constantImageStaysConstant() {
        float[] grey = new float[7 * 5];
        Arrays.fill(grey, 0.5f);
        GreyImage image = new GreyImage(7, 5, grey);
        for (float value : image.resized(3, 11).pixels()) {
            assertEquals(0.5f, value, EPS);
        }
    }

    @Test
    void resizingIsDeterministicOnARealImage() throws Exception {
        GreyImage image = MedicalImages.read(Path.of("../corpora-samples/images/mednist-6x800/CXR/000000.jpeg"),
                ImageLimits.DEFAULT);
        GreyImage first = image.resized(32, 32);
        GreyImage second = image.resized(32, 32);
        assertEquals(first, second);
        assertArrayEquals(first.toBytes(), second.toBytes());
        assertSame(image, image.resized(64, 64));
        // the mean is kept by area averaging
        assertEquals(mean(image.pixels()), mean(first.pixels()), 1e-4);
    }

    @Test
    void bytesRoundTrip() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        GreyImage image = GreyImage.fromBytes(bytes, 16, 16);
        assertEquals(1f, image.pixel(15, 15));
        assertEquals(0f, image.pixel(0, 0));
        assertArrayEquals(bytes, image.toBytes());
        assertEquals(128, new GreyImage(1, 1, new float[] {0.5f}).toBytes()[0] & 0xff);
    }

    @Test
    void pixelsAreCopies() {
        float[] values = {0.1f, 0.2f};
        GreyImage image = new GreyImage(2, 1, values);
        values[0] = 0.9f;
        image.pixels()[1] = 0.9f;
        assertArrayEquals(new float[] {0.1f, 0.2f}, image.pixels(), EPS);
        assertNotSame(image.pixels(), image.pixels());
    }

    @Test
    void refusesBadInput() {
        assertThrows(IllegalArgumentException.class, () -> new GreyImage(2, 2, new float[3]));
        assertThrows(IllegalArgumentException.class, () -> new GreyImage(0, 1, new float[0]));
        assertThrows(IllegalArgumentException.class, () -> new GreyImage(1, 1, new float[] {1.5f}));
        assertThrows(IllegalArgumentException.class, () -> new GreyImage(1, 1, new float[] {Float.NaN}));
        assertThrows(IllegalArgumentException.class, () -> GreyImage.fromBytes(new byte[4], 3, 1));
        assertThrows(IllegalArgumentException.class, () -> new GreyImage(1, 1, new float[1]).resized(0, 4));
        assertThrows(IndexOutOfBoundsException.class, () -> new GreyImage(1, 1, new float[1]).pixel(1, 0));
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float value : values) {
            sum += value;
        }
        return sum / values.length;
    }
}
