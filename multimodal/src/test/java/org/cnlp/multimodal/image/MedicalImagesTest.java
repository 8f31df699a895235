package org.cnlp.multimodal.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Transparency;
import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ComponentColorModel;
import java.awt.image.DataBuffer;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.cnlp.multimodal.image.ImageReadException.Reason;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MedicalImagesTest {

    private static final Path IMAGES = Path.of("../corpora-samples/images");
    private static final Path MEDNIST_JPEG = IMAGES.resolve("mednist-6x800/CXR/000000.jpeg");
    private static final Path NIH_PNG = IMAGES.resolve("nih-cxr-1000/NIH1000/train/0_normal/00000002_000.png");
    private static final Path VQA_JPEG = IMAGES.resolve("vqa-rad/images/synpic54610.jpg");
    private static final float EPS = 1e-6f;

    @TempDir
    Path temp;

    @Test
    void readsRealJpegAndPng() throws IOException {
        GreyImage mednist = MedicalImages.read(MEDNIST_JPEG, ImageLimits.DEFAULT);
        assertEquals(64, mednist.width());
        assertEquals(64, mednist.height());
        assertVaried(mednist);

        GreyImage nih = MedicalImages.read(NIH_PNG, ImageLimits.DEFAULT);
        assertEquals(64, nih.width());
        assertVaried(nih);

        byte[] vqaBytes = Files.readAllBytes(VQA_JPEG);
        GreyImage vqa = MedicalImages.read(vqaBytes, "synpic54610.jpg", ImageLimits.DEFAULT);
        assertTrue(vqa.width() >= 256 && vqa.height() >= 256, vqa.toString());
        assertVaried(vqa);
        assertEquals(vqa, MedicalImages.read(VQA_JPEG, ImageLimits.DEFAULT));
    }

    @Test
    void emptyInput() {
        assertReason(Reason.EMPTY, new byte[0], "empty.png");
    }

    @Test
    void textIsNotAnImage() {
        assertReason(Reason.NOT_AN_IMAGE, "patient is a 54 year old man".getBytes(StandardCharsets.UTF_8), "note.txt");
        assertReason(Reason.NOT_AN_IMAGE, "BMI 31, BP 140/90, no acute distress".getBytes(StandardCharsets.UTF_8), "bmi.txt");
    }

    @Test
    void gifAndBmpAreUnsupported() throws IOException {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_3BYTE_BGR);
        ImageReadException gif = assertReason(Reason.UNSUPPORTED_FORMAT, encode(image, "gif"), "scan.gif");
        assertTrue(gif.getMessage().contains("GIF") && gif.getMessage().contains("PNG or JPEG"), gif.getMessage());
        assertReason(Reason.UNSUPPORTED_FORMAT, encode(image, "bmp"), "scan.bmp");
        assertReason(Reason.UNSUPPORTED_FORMAT, encode(image, "tiff"), "scan.tif");
    }

    @Test
    void dicomIsUnsupportedWithAReason() {
        byte[] dicom = new byte[400];
        System.arraycopy("DICM".getBytes(StandardCharsets.US_ASCII), 0, dicom, 128, 4);
        ImageReadException e = assertReason(Reason.UNSUPPORTED_FORMAT, dicom, "IM-0001-0001.dcm");
        assertTrue(e.getMessage().contains("DICOM") && e.getMessage().contains("export"), e.getMessage());
    }

    @Test
    void truncatedJpegAndPng() throws IOException {
        byte[] vqa = Files.readAllBytes(VQA_JPEG);
        ImageReadException half = assertReason(Reason.TRUNCATED, Arrays.copyOf(vqa, vqa.length / 2), "half.jpg");
        assertTrue(half.getMessage().contains("truncated"), half.getMessage());
        byte[] mednist = Files.readAllBytes(MEDNIST_JPEG);
        assertReason(Reason.TRUNCATED, Arrays.copyOf(mednist, mednist.length / 2), "half.jpeg");
        assertReason(Reason.TRUNCATED, Arrays.copyOf(mednist, 20), "header-only.jpeg");
        byte[] png = Files.readAllBytes(NIH_PNG);
        assertReason(Reason.TRUNCATED, Arrays.copyOf(png, png.length / 2), "half.png");
        assertReason(Reason.TRUNCATED, Arrays.copyOf(png, 12), "signature-only.png");
    }

    @Test
    void decompressionBombIsRefusedFromTheHeader() throws IOException {
        GreyImage control = MedicalImages.read(pngDeclaring(8, 8, 8 * 9), "control.png", ImageLimits.DEFAULT);
        assertEquals(8, control.width(), "the crafted PNG is well formed");
        byte[] bomb = pngDeclaring(100_000, 100_000, 64);
        assertTrue(bomb.length < 200, "the crafted file is tiny: " + bomb.length);
        long before = usedHeap();
        ImageReadException e = assertReason(Reason.TOO_MANY_PIXELS, bomb, "bomb.png");
        assertTrue(e.getMessage().contains("100000x100000"), e.getMessage());
        assertTrue(usedHeap() - before < 256L * 1024 * 1024, "no pixel buffer was allocated");
    }

    @Test
    void pixelLimitIsInclusive() throws IOException {
        byte[] jpeg = Files.readAllBytes(MEDNIST_JPEG);
        assertEquals(64, MedicalImages.read(jpeg, "a.jpeg", new ImageLimits(1 << 20, 64 * 64)).width());
        assertReason(Reason.TOO_MANY_PIXELS, jpeg, "a.jpeg", new ImageLimits(1 << 20, 64 * 64 - 1));
    }

    @Test
    void tooManyBytes() throws IOException {
        byte[] jpeg = Files.readAllBytes(MEDNIST_JPEG);
        ImageLimits limits = new ImageLimits(jpeg.length - 1, 1_000_000);
        assertReason(Reason.TOO_LARGE, jpeg, "a.jpeg", limits);
        ImageReadException e = assertThrows(ImageReadException.class, () -> MedicalImages.read(MEDNIST_JPEG, limits));
        assertEquals(Reason.TOO_LARGE, e.reason());
        assertTrue(e.getMessage().startsWith("000000.jpeg:"), e.getMessage());
        assertEquals(64, MedicalImages.read(MEDNIST_JPEG, new ImageLimits(jpeg.length, 1_000_000)).width());
    }

    @Test
    void missingFileOrDirectoryIsUnreadable() {
        ImageReadException missing = assertThrows(ImageReadException.class,
                () -> MedicalImages.read(temp.resolve("nope.png"), ImageLimits.DEFAULT));
        assertEquals(Reason.UNREADABLE, missing.reason());
        assertTrue(missing.getMessage().contains("nope.png"), missing.getMessage());
        assertEquals(Reason.UNREADABLE, assertThrows(ImageReadException.class,
                () -> MedicalImages.read(temp, ImageLimits.DEFAULT)).reason());
    }

    @Test
    void greyIsReadAsStoredAndColourAsLuminance() throws IOException {
        BufferedImage grey = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        grey.getRaster().setSample(0, 0, 0, 128);
        grey.getRaster().setSample(1, 0, 0, 255);
        GreyImage readGrey = MedicalImages.read(encode(grey, "png"), "grey.png", ImageLimits.DEFAULT);
        assertEquals(128 / 255f, readGrey.pixel(0, 0), EPS);
        assertEquals(1f, readGrey.pixel(1, 0), EPS);

        BufferedImage rgb = new BufferedImage(2, 1, BufferedImage.TYPE_INT_RGB);
        rgb.setRGB(0, 0, new Color(200, 100, 50).getRGB());
        rgb.setRGB(1, 0, new Color(255, 0, 0).getRGB());
        GreyImage readRgb = MedicalImages.read(encode(rgb, "png"), "rgb.png", ImageLimits.DEFAULT);
        assertEquals((0.299f * 200 + 0.587f * 100 + 0.114f * 50) / 255f, readRgb.pixel(0, 0), 1e-5f);
        assertEquals(0.299f, readRgb.pixel(1, 0), 1e-5f);

        BufferedImage rgba = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        rgba.setRGB(0, 0, new Color(0, 255, 0, 90).getRGB());
        assertEquals(0.587f, MedicalImages.read(encode(rgba, "png"), "rgba.png", ImageLimits.DEFAULT).pixel(0, 0), 1e-5f);

        // a colour JPEG of one flat colour reads close to that colour's luminance
        BufferedImage flat = new BufferedImage(16, 16, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 16; x++) {
                flat.setRGB(x, y, new Color(30, 160, 220).getRGB());
            }
        }
        float expected = (0.299f * 30 + 0.587f * 160 + 0.114f * 220) / 255f;
        assertEquals(expected, MedicalImages.read(encode(flat, "jpeg"), "flat.jpg", ImageLimits.DEFAULT).pixel(8, 8), 0.02f);
    }

    @Test
    void paletteAndSixteenBitPng() throws IOException {
        IndexColorModel palette = new IndexColorModel(8, 2, new byte[] {(byte) 255, 0}, new byte[] {0, 0},
                new byte[] {0, (byte) 255});
        BufferedImage indexed = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_INDEXED, palette);
        indexed.getRaster().setSample(0, 0, 0, 0);
        indexed.getRaster().setSample(1, 0, 0, 1);
        GreyImage readIndexed = MedicalImages.read(encode(indexed, "png"), "palette.png", ImageLimits.DEFAULT);
        assertEquals(0.299f, readIndexed.pixel(0, 0), 1e-5f);
        assertEquals(0.114f, readIndexed.pixel(1, 0), 1e-5f);

        BufferedImage grey16 = new BufferedImage(3, 1, BufferedImage.TYPE_USHORT_GRAY);
        grey16.getRaster().setSample(0, 0, 0, 0);
        grey16.getRaster().setSample(1, 0, 0, 32768);
        grey16.getRaster().setSample(2, 0, 0, 65535);
        byte[] png16 = encode(grey16, "png");
        assertEquals(16, png16[24], "bit depth in IHDR");
        GreyImage readGrey16 = MedicalImages.read(png16, "grey16.png", ImageLimits.DEFAULT);
        assertEquals(0f, readGrey16.pixel(0, 0), EPS);
        assertEquals(32768 / 65535f, readGrey16.pixel(1, 0), EPS);
        assertEquals(1f, readGrey16.pixel(2, 0), EPS);

        ComponentColorModel rgb16Model = new ComponentColorModel(ColorSpace.getInstance(ColorSpace.CS_sRGB), false, false,
                Transparency.OPAQUE, DataBuffer.TYPE_USHORT);
        WritableRaster raster = rgb16Model.createCompatibleWritableRaster(1, 1);
        raster.setPixel(0, 0, new int[] {65535, 0, 0});
        BufferedImage rgb16 = new BufferedImage(rgb16Model, raster, false, null);
        assertEquals(0.299f, MedicalImages.read(encode(rgb16, "png"), "rgb16.png", ImageLimits.DEFAULT).pixel(0, 0), 1e-5f);
    }

    @Test
    void progressiveAndCmykJpegAreDecoded() throws IOException {
        BufferedImage gradient = new BufferedImage(64, 64, BufferedImage.TYPE_3BYTE_BGR);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                gradient.setRGB(x, y, new Color(x * 4, y * 4, 100).getRGB());
            }
        }
        GreyImage baseline = MedicalImages.read(encode(gradient, "jpeg"), "baseline.jpg", ImageLimits.DEFAULT);
        GreyImage progressive = MedicalImages.read(jpeg(gradient.getRaster(), gradient, true), "progressive.jpg",
                ImageLimits.DEFAULT);
        assertEquals(64, progressive.width());
        assertEquals(baseline.pixel(40, 20), progressive.pixel(40, 20), 0.03f);

        // CMYK JPEGs store ink inverted (the Adobe convention the JDK decoder follows): 255 = no ink = white
        WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, 8, 8, 4, null);
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < 8; x++) {
                cmyk.setPixel(x, y, x < 4 ? new int[] {255, 255, 255, 255} : new int[] {255, 255, 255, 0});
            }
        }
        GreyImage paper = MedicalImages.read(jpeg(cmyk, null, false), "cmyk.jpg", ImageLimits.DEFAULT);
        assertEquals(8, paper.width());
        assertTrue(paper.pixel(1, 4) > 0.9f, "no ink is white: " + paper.pixel(1, 4));
        assertTrue(paper.pixel(6, 4) < 0.1f, "full black ink is black: " + paper.pixel(6, 4));
    }

    @Test
    void messagesNameTheSourceSafely() {
        ImageReadException e = assertReason(Reason.NOT_AN_IMAGE, new byte[] {1, 2, 3}, "evil\nname.png");
        assertTrue(e.getMessage().startsWith("evil?name.png:"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        String longName = "x".repeat(500) + ".png";
        assertTrue(assertReason(Reason.EMPTY, new byte[0], longName).getMessage().length() < 300);
        assertTrue(assertReason(Reason.EMPTY, new byte[0], null).getMessage().startsWith("image:"));
    }

    // ---- helpers -------------------------------------------------------------------------------------------------

    private static ImageReadException assertReason(Reason reason, byte[] bytes, String source) {
        return assertReason(reason, bytes, source, ImageLimits.DEFAULT);
    }

    private static ImageReadException assertReason(Reason reason, byte[] bytes, String source, ImageLimits limits) {
        ImageReadException e = assertThrows(ImageReadException.class, () -> MedicalImages.read(bytes, source, limits));
        assertEquals(reason, e.reason(), e.getMessage());
        assertTrue(e.getMessage().length() < 1000, "short message: " + e.getMessage());
        return e;
    }

    private static void assertVaried(GreyImage image) {
        float min = 1f;
        float max = 0f;
        for (float value : image.pixels()) {
            min = Math.min(min, value);
            max = Math.max(max, value);
        }
        assertTrue(max - min > 0.3f, "an X-ray or scan has contrast: " + min + ".." + max);
    }

    @Test
    void aPreviewDecodesEveryNthPixelAndReportsTheStoredSize() throws Exception {
        BufferedImage big = new BufferedImage(1000, 600, BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 600; y++) {
            for (int x = 0; x < 1000; x++) {
                big.getRaster().setSample(x, y, 0, x < 500 ? 0 : 255);
            }
        }
        byte[] png = encode(big, "png");

        MedicalImages.Preview preview = MedicalImages.readPreview(png, "big.png", ImageLimits.DEFAULT, 256);

        assertEquals(1000, preview.width());
        assertEquals(600, preview.height());
        assertEquals(334, preview.image().width(), "every 3rd column: 1000 / 256 = 3");
        assertEquals(200, preview.image().height());
        assertEquals(0f, preview.image().pixel(10, 10));
        assertEquals(1f, preview.image().pixel(300, 10));
        MedicalImages.Preview whole = MedicalImages.readPreview(png, "big.png", ImageLimits.DEFAULT, 0);
        assertEquals(1000, whole.image().width(), "0 decodes everything");
    }

    private static byte[] encode(BufferedImage image, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(image, format, out), "ImageIO can write " + format);
        return out.toByteArray();
    }

    private static byte[] jpeg(Raster raster, BufferedImage image, boolean progressive) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        ImageWriteParam param = writer.getDefaultWriteParam();
        if (progressive) {
            param.setProgressiveMode(ImageWriteParam.MODE_DEFAULT);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, image != null ? new IIOImage(image, null, null) : new IIOImage(raster, null, null), param);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /** A PNG (8-bit grey) whose IHDR declares {@code width × height}, with one IDAT of {@code raw} zero bytes. */
    private static byte[] pngDeclaring(int width, int height, int raw) {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 0)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        chunk(png, "IHDR", ihdr.array());
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[raw]);
        deflater.finish();
        byte[] compressed = new byte[128];
        int length = deflater.deflate(compressed);
        deflater.end();
        chunk(png, "IDAT", Arrays.copyOf(compressed, length));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt(data.length).array());
        png.writeBytes(typeBytes);
        png.writeBytes(data);
        png.writeBytes(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static long usedHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
