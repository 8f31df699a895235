package org.cnlp.multimodal.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorConvertOp;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

import org.cnlp.multimodal.image.ImageReadException.Reason;

/**
 * Reads medical images (JPEG and PNG only) into {@link GreyImage}s, with limits checked before decoding.
 *
 * <p>Order of checks: empty; larger than {@link ImageLimits#maxBytes()}; signature (only JPEG {@code FF D8 FF} and
 * PNG are accepted; GIF, BMP, TIFF, WebP, JPEG 2000, HEIF/AVIF and DICOM are recognised and refused as
 * unsupported, anything else is not an image); width and height read from the header and refused above
 * {@link ImageLimits#maxPixels()} before any pixel is decoded; then decoding, where any decoder error or warning
 * (e.g. "premature end of JPEG file") means truncated or corrupt data.
 *
 * <p>Every pixel layout the JDK decoders produce becomes luminance in {@code 0..1}: grey as stored (8- or 16-bit,
 * scaled by 255 or 65535, no gamma conversion), RGB, palette and CMYK as {@code 0.299 R + 0.587 G + 0.114 B} on the
 * stored (gamma-encoded) values. Alpha is ignored: the colour channels are used as stored. Only
 * {@code javax.imageio} is used; the streams are in memory (no ImageIO disk cache). Thread safe.
 */
public final class MedicalImages {

    private static final int MAX_SOURCE_CHARS = 120;
    private static final int MAX_ARRAY_BYTES = Integer.MAX_VALUE - 8;

    private MedicalImages() {
    }

    /**
     * Reads an image file, checking its size on disk before reading it.
     *
     * @throws ImageReadException if the file is missing or cannot be read ({@link Reason#UNREADABLE}), or for any
     *         reason {@link #read(byte[], String, ImageLimits)} gives; the message names the file
     */
    public static GreyImage read(Path file, ImageLimits limits) throws ImageReadException {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(limits, "limits");
        Path name = file.getFileName();
        String source = name == null ? file.toString() : name.toString();
        byte[] bytes;
        try {
            if (Files.isDirectory(file)) {
                throw new ImageReadException(Reason.UNREADABLE, describe(source) + ": is a directory, not an image file");
            }
            long size = Files.size(file);
            if (size > limits.maxBytes()) {
                throw tooLarge(source, size, limits);
            }
            int cap = (int) Math.min(limits.maxBytes() + 1, MAX_ARRAY_BYTES);
            try (InputStream in = Files.newInputStream(file)) {
                bytes = in.readNBytes(cap);
            }
            if (bytes.length > limits.maxBytes()) {
                throw tooLarge(source, bytes.length, limits);
            }
        } catch (NoSuchFileException e) {
            throw new ImageReadException(Reason.UNREADABLE, describe(source) + ": file not found; check the path", e);
        } catch (ImageReadException e) {
            throw e;
        } catch (IOException e) {
            throw new ImageReadException(Reason.UNREADABLE, describe(source) + ": could not read the file ("
                    + e.getClass().getSimpleName() + "); check that it exists and is readable", e);
        }
        return read(bytes, source, limits);
    }

    /**
     * Reads an encoded JPEG or PNG image.
     *
     * @param bytes  the encoded image
     * @param source what to call the image in messages (typically a file name); control characters are replaced
     *               and long names shortened
     * @param limits size and pixel limits, checked before decoding
     * @throws ImageReadException with the {@link Reason} for refusing the image
     */
    public static GreyImage read(byte[] bytes, String source, ImageLimits limits) throws ImageReadException {
        return readPreview(bytes, source, limits, 0).image();
    }

    /**
     * An image decoded at reduced resolution, with its full size.
     *
     * @param image  the decoded pixels (every {@code step}-th pixel of each row and column)
     * @param width  the image's width as stored
     * @param height the image's height as stored
     */
    public record Preview(GreyImage image, int width, int height) {}

    /**
     * As {@link #read(byte[], String, ImageLimits)}, decoding only every n-th row and column so that
     * the longer side is between {@code maxSide} and twice that (all of it when smaller, or when
     * {@code maxSide} is 0). A model that looks at 64×64 never needs the full raster of a 40-million-
     * pixel upload: decoding memory stays bounded by the preview's size.
     */
    public static Preview readPreview(byte[] bytes, String source, ImageLimits limits, int maxSide) throws ImageReadException {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(limits, "limits");
        String name = describe(source);
        if (bytes.length == 0) {
            throw new ImageReadException(Reason.EMPTY, name + ": is empty (0 bytes); send the image file's contents");
        }
        if (bytes.length > limits.maxBytes()) {
            throw tooLarge(name, bytes.length, limits);
        }
        ImageFormat format = ImageFormat.sniff(bytes);
        return switch (format) {
            case JPEG, PNG -> decode(bytes, name, format, limits, maxSide);
            case DICOM -> throw new ImageReadException(Reason.UNSUPPORTED_FORMAT, name + ": is a DICOM file, which is not "
                    + "supported: DICOM pixel data comes in many encodings (raw, JPEG lossless, JPEG 2000, RLE) and needs "
                    + "the window/level and photometric settings from its header to be shown correctly, and the header "
                    + "holds patient identifiers; export the image as PNG (16-bit grey keeps full depth) or JPEG with a "
                    + "DICOM viewer, with patient identifiers removed, and send that");
            case UNKNOWN -> throw new ImageReadException(Reason.NOT_AN_IMAGE, name + ": is not a JPEG or PNG image (its "
                    + "first bytes match no image format); send a JPEG or PNG file");
            default -> throw new ImageReadException(Reason.UNSUPPORTED_FORMAT, name + ": is a " + format.displayName()
                    + " image, which is not supported; convert it to PNG or JPEG");
        };
    }

    private static Preview decode(byte[] bytes, String name, ImageFormat format, ImageLimits limits, int maxSide)
            throws ImageReadException {
        ImageReader reader = readerFor(format, name);
        List<String> warnings = new ArrayList<>();
        try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
            reader.setInput(in, true, true);
            reader.addIIOReadWarningListener((ignored, warning) -> warnings.add(warning));
            int width;
            int height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw corrupt(name, format, "its header could not be read", e);
            }
            if (width <= 0 || height <= 0) {
                throw corrupt(name, format, "its header declares a " + width + "x" + height + " image", null);
            }
            long pixels = (long) width * height;
            if (pixels > limits.maxPixels()) {
                throw new ImageReadException(Reason.TOO_MANY_PIXELS, name + ": declares " + width + "x" + height + " = "
                        + pixels + " pixels, more than the limit of " + limits.maxPixels() + " (it was not decoded); "
                        + "downscale the image before sending it");
            }
            BufferedImage image;
            try {
                ImageReadParam param = reader.getDefaultReadParam();
                int step = maxSide <= 0 ? 1 : Math.max(1, Math.max(width, height) / maxSide);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                image = reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                throw corrupt(name, format, "decoding failed", e);
            }
            if (!warnings.isEmpty()) {
                throw corrupt(name, format, "the decoder reported \"" + String.join("; ", warnings) + "\"", null);
            }
            return new Preview(toGrey(image, name), width, height);
        } catch (IOException e) {
            if (e instanceof ImageReadException refusal) {
                throw refusal;
            }
            throw new ImageReadException(Reason.UNREADABLE, name + ": could not be read (" + e.getMessage() + ")", e);
        } finally {
            reader.dispose();
        }
    }

    private static ImageReader readerFor(ImageFormat format, String name) throws ImageReadException {
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(format == ImageFormat.JPEG ? "jpeg" : "png");
        if (!readers.hasNext()) {
            throw new ImageReadException(Reason.UNREADABLE, name + ": this Java runtime has no " + format.displayName()
                    + " decoder (javax.imageio); use a standard JDK");
        }
        return readers.next();
    }

    /** Luminance of every pixel, without going through {@link BufferedImage#getRGB} for grey (which would apply gamma). */
    private static GreyImage toGrey(BufferedImage image, String name) throws ImageReadException {
        int width = image.getWidth();
        int height = image.getHeight();
        ColorModel model = image.getColorModel();
        Raster raster = image.getRaster();
        int spaceType = model.getColorSpace().getType();
        float[] out = new float[width * height];
        if (model instanceof ComponentColorModel && model.getNumColorComponents() == 1
                && spaceType == ColorSpace.TYPE_GRAY) {
            float max = maxValue(model, 0);
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    out[y * width + x] = clamp(row[x] / max);
                }
            }
        } else if (model instanceof ComponentColorModel && model.getNumColorComponents() == 3
                && spaceType == ColorSpace.TYPE_RGB) {
            float maxR = maxValue(model, 0);
            float maxG = maxValue(model, 1);
            float maxB = maxValue(model, 2);
            int[] r = new int[width];
            int[] g = new int[width];
            int[] b = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, r);
                raster.getSamples(0, y, width, 1, 1, g);
                raster.getSamples(0, y, width, 1, 2, b);
                for (int x = 0; x < width; x++) {
                    out[y * width + x] = luminance(r[x] / maxR, g[x] / maxG, b[x] / maxB);
                }
            }
        } else if (model instanceof IndexColorModel palette) {
            float[] lookup = new float[palette.getMapSize()];
            for (int i = 0; i < lookup.length; i++) {
                lookup[i] = luminance(palette.getRed(i) / 255f, palette.getGreen(i) / 255f, palette.getBlue(i) / 255f);
            }
            int[] row = new int[width];
            for (int y = 0; y < height; y++) {
                raster.getSamples(0, y, width, 1, 0, row);
                for (int x = 0; x < width; x++) {
                    int index = row[x];
                    out[y * width + x] = index < lookup.length ? lookup[index] : 0f;
                }
            }
        } else {
            fromRgb(toRgb(image, name), out);
        }
        return GreyImage.wrap(width, height, out);
    }

    /** Other colour spaces (CMYK, YCCK, packed RGB): converted to 8-bit sRGB by the JDK's colour management. */
    private static BufferedImage toRgb(BufferedImage image, String name) throws ImageReadException {
        if (image.getType() == BufferedImage.TYPE_INT_RGB || image.getType() == BufferedImage.TYPE_INT_ARGB) {
            return image;
        }
        try {
            BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            new ColorConvertOp(null).filter(image, rgb);
            return rgb;
        } catch (RuntimeException e) {
            throw new ImageReadException(Reason.UNREADABLE, name + ": uses a pixel layout that cannot be converted to "
                    + "grey (" + image.getColorModel().getColorSpace().getType() + " colour space, "
                    + image.getColorModel().getNumComponents() + " components); convert it to an 8-bit RGB or grey "
                    + "PNG or JPEG", e);
        }
    }

    private static void fromRgb(BufferedImage rgb, float[] out) {
        int width = rgb.getWidth();
        int[] row = new int[width];
        for (int y = 0; y < rgb.getHeight(); y++) {
            rgb.getRGB(0, y, width, 1, row, 0, width);
            for (int x = 0; x < width; x++) {
                int argb = row[x];
                out[y * width + x] = luminance((argb >> 16 & 0xff) / 255f, (argb >> 8 & 0xff) / 255f, (argb & 0xff) / 255f);
            }
        }
    }

    private static float maxValue(ColorModel model, int component) {
        int bits = model.getComponentSize(component);
        return (float) ((1L << bits) - 1);
    }

    /** ITU-R BT.601 luma weights. */
    static float luminance(float r, float g, float b) {
        return clamp((float) (0.299 * r + 0.587 * g + 0.114 * b));
    }

    private static float clamp(float value) {
        return Math.clamp(value, 0f, 1f);
    }

    private static ImageReadException tooLarge(String name, long size, ImageLimits limits) {
        return new ImageReadException(Reason.TOO_LARGE, name + ": is " + humanBytes(size) + ", more than the limit of "
                + humanBytes(limits.maxBytes()) + "; send a smaller image (downscale or re-encode it)");
    }

    private static ImageReadException corrupt(String name, ImageFormat format, String what, Throwable cause) {
        String detail = cause == null ? "" : " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + describe(cause.getMessage())) + ")";
        return new ImageReadException(Reason.TRUNCATED, name + ": the " + format.displayName() + " data is truncated or "
                + "corrupt: " + what + detail + "; send the complete, unmodified file", cause);
    }

    private static String humanBytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    /** The source as shown in messages: no control characters, at most {@value #MAX_SOURCE_CHARS} characters. */
    static String describe(String source) {
        if (source == null || source.isBlank()) {
            return "image";
        }
        StringBuilder clean = new StringBuilder();
        source.codePoints().limit(MAX_SOURCE_CHARS).forEach(c -> clean.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return source.codePointCount(0, source.length()) > MAX_SOURCE_CHARS ? clean + "..." : clean.toString();
    }
}
