package org.cnlp.multimodal.image;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;

/** What the first bytes of a file say it is. Only {@link #JPEG} and {@link #PNG} are decoded. */
enum ImageFormat {
    JPEG("JPEG"),
    PNG("PNG"),
    GIF("GIF"),
    BMP("BMP"),
    TIFF("TIFF"),
    WEBP("WebP"),
    JPEG_2000("JPEG 2000"),
    HEIF("HEIF/AVIF"),
    DICOM("DICOM"),
    UNKNOWN("unknown");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    private static final byte[] JP2_SIGNATURE = {0, 0, 0, 0x0c, 'j', 'P', ' ', ' ', '\r', '\n', (byte) 0x87, '\n'};
    private static final Set<Integer> BMP_HEADER_SIZES = Set.of(12, 40, 52, 56, 64, 108, 124);
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "heim", "heis", "mif1", "msf1", "avif", "avis");
    private static final int DICOM_PREAMBLE = 128;

    private final String displayName;

    ImageFormat(String displayName) {
        this.displayName = displayName;
    }

    /** The name people know the format by. */
    String displayName() {
        return displayName;
    }

    /** Recognises a format from its signature ("magic bytes"); {@link #UNKNOWN} when none matches. */
    static ImageFormat sniff(byte[] bytes) {
        if (startsWith(bytes, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
            return JPEG;
        }
        if (startsWith(bytes, 0, PNG_SIGNATURE)) {
            return PNG;
        }
        if (startsWith(bytes, 0, ascii("GIF87a")) || startsWith(bytes, 0, ascii("GIF89a"))) {
            return GIF;
        }
        if (startsWith(bytes, 0, ascii("BM")) && bytes.length >= 18 && BMP_HEADER_SIZES.contains(littleEndianInt(bytes, 14))) {
            return BMP;
        }
        if (startsWith(bytes, 0, new byte[] {'I', 'I', 42, 0}) || startsWith(bytes, 0, new byte[] {'M', 'M', 0, 42})) {
            return TIFF;
        }
        if (startsWith(bytes, 0, ascii("RIFF")) && startsWith(bytes, 8, ascii("WEBP"))) {
            return WEBP;
        }
        if (startsWith(bytes, 0, JP2_SIGNATURE)
                || startsWith(bytes, 0, new byte[] {(byte) 0xff, 0x4f, (byte) 0xff, 0x51})) {
            return JPEG_2000;
        }
        if (startsWith(bytes, 4, ascii("ftyp")) && bytes.length >= 12
                && HEIF_BRANDS.contains(new String(bytes, 8, 4, StandardCharsets.ISO_8859_1))) {
            return HEIF;
        }
        if (startsWith(bytes, DICOM_PREAMBLE, ascii("DICM"))) {
            return DICOM;
        }
        return UNKNOWN;
    }

    private static boolean startsWith(byte[] bytes, int offset, byte[] prefix) {
        return bytes.length >= offset + prefix.length
                && Arrays.equals(bytes, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static int littleEndianInt(byte[] bytes, int offset) {
        return (bytes[offset] & 0xff) | (bytes[offset + 1] & 0xff) << 8 | (bytes[offset + 2] & 0xff) << 16
                | (bytes[offset + 3] & 0xff) << 24;
    }
}
