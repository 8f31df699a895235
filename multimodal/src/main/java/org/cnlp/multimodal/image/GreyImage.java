package org.cnlp.multimodal.image;

import java.util.Arrays;

/**
 * An immutable grey-scale image: {@code width × height} luminance values in {@code 0..1}, stored row by row
 * (row-major, top row first). Instances are thread safe; every accessor that returns an array returns a copy.
 */
public final class GreyImage {

    private final int width;
    private final int height;
    private final float[] pixels;

    /**
     * Creates an image from row-major luminance values (copied).
     *
     * @throws IllegalArgumentException if a dimension is not positive, the array length is not
     *         {@code width * height}, or a value is outside {@code 0..1} (NaN included)
     */
    public GreyImage(int width, int height, float[] pixels) {
        this(checked(width, height, pixels).clone(), width, height);
    }

    /** Takes ownership of {@code pixels}, which the caller has checked. */
    private GreyImage(float[] pixels, int width, int height) {
        this.width = width;
        this.height = height;
        this.pixels = pixels;
    }

    /** Wraps an array this package built and no one else holds; values must already be clamped. */
    static GreyImage wrap(int width, int height, float[] pixels) {
        checkSize(width, height, pixels.length);
        return new GreyImage(pixels, width, height);
    }

    /**
     * Creates an image from 8-bit grey values ({@code 0..255}, unsigned), row-major.
     *
     * @throws IllegalArgumentException if a dimension is not positive or the array length is not {@code width * height}
     */
    public static GreyImage fromBytes(byte[] pixels, int width, int height) {
        checkSize(width, height, pixels.length);
        float[] values = new float[pixels.length];
        for (int i = 0; i < values.length; i++) {
            values[i] = (pixels[i] & 0xff) / 255f;
        }
        return new GreyImage(values, width, height);
    }

    /** Width in pixels. */
    public int width() {
        return width;
    }

    /** Height in pixels. */
    public int height() {
        return height;
    }

    /** A copy of the luminance values, row-major, each in {@code 0..1}. */
    public float[] pixels() {
        return pixels.clone();
    }

    /** The luminance at column {@code x}, row {@code y}. */
    public float pixel(int x, int y) {
        if (x < 0 || x >= width || y < 0 || y >= height) {
            throw new IndexOutOfBoundsException("pixel (" + x + ", " + y + ") outside a " + width + "x" + height + " image");
        }
        return pixels[y * width + x];
    }

    /** The values as unsigned bytes {@code 0..255} (value × 255, rounded half up), row-major. */
    public byte[] toBytes() {
        byte[] bytes = new byte[pixels.length];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) Math.round(pixels[i] * 255f);
        }
        return bytes;
    }

    /**
     * This image scaled to {@code width × height}. Each axis is scaled on its own: an axis that shrinks is
     * area-averaged (every output pixel is the coverage-weighted mean of the input pixels under it), an axis that
     * grows is interpolated bilinearly between pixel centres (edges repeat), and an unchanged axis is copied.
     * The result depends only on the input (same arithmetic in the same order), so it is reproducible.
     *
     * @throws IllegalArgumentException if a dimension is not positive
     */
    public GreyImage resized(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("target size must be positive, got " + width + "x" + height);
        }
        if (width == this.width && height == this.height) {
            return this;
        }
        Resampler horizontal = Resampler.of(this.width, width);
        Resampler vertical = Resampler.of(this.height, height);
        float[] rows = new float[width * this.height];
        for (int y = 0; y < this.height; y++) {
            horizontal.apply(pixels, y * this.width, 1, rows, y * width, 1);
        }
        float[] out = new float[width * height];
        for (int x = 0; x < width; x++) {
            vertical.apply(rows, x, width, out, x, width);
        }
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.clamp(out[i], 0f, 1f);
        }
        return new GreyImage(out, width, height);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof GreyImage image && image.width == width && image.height == height
                && Arrays.equals(image.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "GreyImage[" + width + "x" + height + "]";
    }

    private static float[] checked(int width, int height, float[] pixels) {
        checkSize(width, height, pixels.length);
        for (int i = 0; i < pixels.length; i++) {
            float value = pixels[i];
            if (!(value >= 0f && value <= 1f)) {
                throw new IllegalArgumentException("pixel " + i + " is " + value + ", values must be in 0..1");
            }
        }
        return pixels;
    }

    private static void checkSize(int width, int height, int length) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if ((long) width * height != length) {
            throw new IllegalArgumentException("a " + width + "x" + height + " image needs " + (long) width * height
                    + " pixels, got " + length);
        }
    }
}
