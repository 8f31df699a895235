package org.cnlp.multimodal.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads NumPy {@code .npz} archives (a zip of {@code .npy} files, stored or deflated, as {@code numpy.savez} and
 * {@code numpy.savez_compressed} write them) and single {@code .npy} streams.
 *
 * <p>Accepted: format versions 1.0 and 2.0, C order ({@code 'fortran_order': False}), and the dtypes in
 * {@link NpyArray#SUPPORTED_DTYPES}. Anything else (big-endian, object arrays, Fortran order, version 3.0) is refused
 * with an {@link IOException} that names the file and the array. The data read is exactly what the header's shape
 * declares; a short entry is reported as truncated.
 */
public final class Npz {

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 20;
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private Npz() {
    }

    /**
     * Reads every {@code .npy} entry of an archive; keys are the entry names without {@code .npy}
     * (e.g. {@code train_images}), in archive order. Other entries are ignored.
     *
     * @throws IOException if the file is missing, not a zip, or holds an array this reader refuses
     */
    public static Map<String, NpyArray> read(Path file) throws IOException {
        Map<String, NpyArray> arrays = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            for (ZipEntry entry : entries) {
                if (entry.isDirectory() || !entry.getName().endsWith(".npy")) {
                    continue;
                }
                String key = entry.getName().substring(0, entry.getName().length() - ".npy".length());
                try (InputStream in = zip.getInputStream(entry)) {
                    arrays.put(key, readNpy(in, file.getFileName() + ":" + entry.getName()));
                }
            }
        } catch (ZipException e) {
            throw new IOException(file + " is not a readable .npz (zip) archive: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(arrays);
    }

    /**
     * Reads one {@code .npy} array from a stream.
     *
     * @param source what to call the array in messages
     * @throws IOException for a malformed or refused header or truncated data
     */
    public static NpyArray readNpy(InputStream in, String source) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length + 2);
        if (magic.length < MAGIC.length + 2 || !Arrays.equals(magic, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new IOException(source + " is not a NumPy .npy array (missing the \\x93NUMPY signature)");
        }
        int major = magic[6] & 0xff;
        int minor = magic[7] & 0xff;
        int headerLength;
        if (major == 1 && minor == 0) {
            headerLength = (int) littleEndian(in.readNBytes(2), 2, source);
        } else if (major == 2 && minor == 0) {
            long length = littleEndian(in.readNBytes(4), 4, source);
            if (length > MAX_HEADER) {
                throw new IOException(source + ": .npy header of " + length + " bytes is implausibly long");
            }
            headerLength = (int) length;
        } else {
            throw new IOException(source + ": .npy format version " + major + "." + minor + " is not supported "
                    + "(only 1.0 and 2.0); save it again with numpy.save");
        }
        byte[] headerBytes = in.readNBytes(headerLength);
        if (headerBytes.length < headerLength) {
            throw new IOException(source + ": .npy header is truncated");
        }
        String header = new String(headerBytes, StandardCharsets.ISO_8859_1);
        String dtype = group(DESCR, header, "descr", source);
        if (!NpyArray.SUPPORTED_DTYPES.contains(dtype)) {
            throw new IOException(source + ": dtype '" + dtype + "' is not supported (this reader accepts "
                    + String.join(", ", NpyArray.SUPPORTED_DTYPES) + "; convert with numpy, e.g. a.astype('<f4'))");
        }
        if (group(FORTRAN, header, "fortran_order", source).equals("True")) {
            throw new IOException(source + ": Fortran-order arrays are not supported; save numpy.ascontiguousarray(a)");
        }
        int[] shape = parseShape(group(SHAPE, header, "shape", source), source);
        long count = 1;
        for (int dimension : shape) {
            count *= dimension;
            if (count > Integer.MAX_VALUE) {
                throw new IOException(source + ": array too large for this reader (" + header.strip() + ")");
            }
        }
        long bytes = count * NpyArray.itemSize(dtype);
        if (bytes > Integer.MAX_VALUE - 8) {
            throw new IOException(source + ": array of " + bytes + " bytes is too large for this reader");
        }
        byte[] data = in.readNBytes((int) bytes);
        if (data.length < bytes) {
            throw new IOException(source + ": data is truncated (" + data.length + " of " + bytes + " bytes)");
        }
        return new NpyArray(dtype, shape, data);
    }

    private static String group(Pattern pattern, String header, String key, String source) throws IOException {
        Matcher matcher = pattern.matcher(header);
        if (!matcher.find()) {
            throw new IOException(source + ": .npy header has no '" + key + "' entry: " + header.strip());
        }
        return matcher.group(1);
    }

    /** Parses a Python tuple body such as {@code 3882, 28, 28} or {@code 524,} or empty (a scalar). */
    private static int[] parseShape(String tuple, String source) throws IOException {
        List<Integer> dimensions = new ArrayList<>();
        for (String part : tuple.split(",")) {
            String value = part.strip();
            if (value.endsWith("L")) {
                value = value.substring(0, value.length() - 1);
            }
            if (value.isEmpty()) {
                continue;
            }
            try {
                int dimension = Integer.parseInt(value);
                if (dimension < 0) {
                    throw new NumberFormatException();
                }
                dimensions.add(dimension);
            } catch (NumberFormatException e) {
                throw new IOException(source + ": .npy shape (" + tuple + ") is not a tuple of non-negative integers");
            }
        }
        return dimensions.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long littleEndian(byte[] bytes, int length, String source) throws IOException {
        if (bytes.length < length) {
            throw new IOException(source + ": .npy header is truncated");
        }
        long value = 0;
        for (int i = length - 1; i >= 0; i--) {
            value = value << 8 | (bytes[i] & 0xff);
        }
        return value;
    }
}
