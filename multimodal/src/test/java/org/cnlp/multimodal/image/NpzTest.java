package org.cnlp.multimodal.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NpzTest {

    @TempDir
    Path temp;

    @Test
    void readsAHandWrittenArchive() throws IOException {
        ByteBuffer longs = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(-1).putLong(7).putLong(1L << 40);
        ByteBuffer floats = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(-2f);
        ByteBuffer ints = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(-42);
        Path file = npz("small.npz", Map.of(
                "images.npy", npy(1, "|u1", "(2, 3)", new byte[] {0, 1, 2, (byte) 200, (byte) 254, (byte) 255}),
                "labels.npy", npy(1, "<i8", "(3,)", longs.array()),
                "weights.npy", npy(2, "<f4", "(2,)", floats.array()),
                "count.npy", npy(1, "<i4", "()", ints.array())));
        Map<String, NpyArray> arrays = Npz.read(file);
        assertEquals(List.of("count", "images", "labels", "weights"), arrays.keySet().stream().sorted().toList());

        NpyArray images = arrays.get("images");
        assertEquals("|u1", images.dtype());
        assertArrayEquals(new int[] {2, 3}, images.shape());
        assertEquals(6, images.size());
        assertEquals(200, images.asUnsignedBytes()[3] & 0xff);
        assertArrayEquals(new long[] {0, 1, 2, 200, 254, 255}, images.asLongs());

        assertArrayEquals(new long[] {-1, 7, 1L << 40}, arrays.get("labels").asLongs());
        assertArrayEquals(new float[] {0.5f, -2f}, arrays.get("weights").asFloats());
        assertArrayEquals(new int[0], arrays.get("count").shape());
        assertArrayEquals(new long[] {-42}, arrays.get("count").asLongs());
        assertThrows(IllegalStateException.class, () -> arrays.get("labels").asUnsignedBytes());
        assertThrows(IllegalStateException.class, () -> arrays.get("weights").asLongs());
    }

    @Test
    void refusesWhatItCannotRead() throws IOException {
        assertRefused(npy(1, ">i4", "(1,)", new byte[4]), "'>i4' is not supported");
        assertRefused(npy(1, "<f8", "(1,)", new byte[8]), "'<f8' is not supported");
        assertRefused(npy(1, "|O", "(1,)", new byte[8]), "'|O' is not supported");
        assertRefused(npy(3, "|u1", "(1,)", new byte[1]), "version 3.0 is not supported");
        assertRefused(npy(1, "|u1", "(4,)", new byte[3]), "truncated");
        byte[] fortran = new String(npy(1, "<i4", "(2, 2)", new byte[16]), StandardCharsets.ISO_8859_1)
                .replace("'fortran_order': False", "'fortran_order': True ").getBytes(StandardCharsets.ISO_8859_1);
        assertRefused(fortran, "Fortran");
        Path notZip = temp.resolve("plain.npz");
        Files.writeString(notZip, "not a zip");
        IOException e = assertThrows(IOException.class, () -> Npz.read(notZip));
        assertTrue(e.getMessage().contains("plain.npz"), e.getMessage());
    }

    @Test
    void readsRealMedMnistArchives() throws IOException {
        Map<String, NpyArray> pneumonia = Npz.read(Path.of("../corpora-samples/images/pneumoniamnist-train-val.npz"));
        assertEquals(List.of("train_images", "train_labels", "val_images", "val_labels"), List.copyOf(pneumonia.keySet()));
        assertArrayEquals(new int[] {3882, 28, 28}, pneumonia.get("train_images").shape());
        assertArrayEquals(new int[] {3882, 1}, pneumonia.get("train_labels").shape());
        assertArrayEquals(new int[] {524, 28, 28}, pneumonia.get("val_images").shape());
        assertEquals("|u1", pneumonia.get("train_images").dtype());
        // values checked against numpy: train_images[17, 14, 10:14], the sum of all train pixels, train_labels[:5]
        byte[] pixels = pneumonia.get("train_images").asUnsignedBytes();
        int offset = 17 * 28 * 28 + 14 * 28 + 10;
        assertArrayEquals(new int[] {138, 159, 160, 166}, new int[] {pixels[offset] & 0xff, pixels[offset + 1] & 0xff,
            pixels[offset + 2] & 0xff, pixels[offset + 3] & 0xff});
        long sum = 0;
        for (byte pixel : pixels) {
            sum += pixel & 0xff;
        }
        assertEquals(447_494_718L, sum);
        assertArrayEquals(new long[] {1, 1, 1, 1, 1}, Arrays.copyOf(pneumonia.get("train_labels").asLongs(), 5));
        for (long label : pneumonia.get("train_labels").asLongs()) {
            assertTrue(label == 0 || label == 1);
        }
        Map<String, NpyArray> breast = Npz.read(Path.of("../corpora-samples/images/breastmnist.npz"));
        assertArrayEquals(new int[] {546, 28, 28}, breast.get("train_images").shape());
        assertArrayEquals(new int[] {78}, breast.get("val_labels").shape());
        assertArrayEquals(new long[] {0, 1, 1, 0, 1, 1}, Arrays.copyOf(breast.get("val_labels").asLongs(), 6));
        assertArrayEquals(new int[] {156, 28, 28}, breast.get("test_images").shape());
    }

    private void assertRefused(byte[] npy, String expected) throws IOException {
        Path file = npz("bad.npz", Map.of("x.npy", npy));
        IOException e = assertThrows(IOException.class, () -> Npz.read(file));
        assertTrue(e.getMessage().contains(expected) && e.getMessage().contains("bad.npz:x.npy"), e.getMessage());
    }

    private Path npz(String name, Map<String, byte[]> entries) throws IOException {
        Path file = temp.resolve(name);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        return file;
    }

    /** A .npy file as numpy writes it: magic, version, header length, dict padded with spaces to 64 bytes, data. */
    private static byte[] npy(int major, String dtype, String shape, byte[] data) {
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int prefix = major == 1 ? 10 : 12;
        int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
        String header = dict + " ".repeat(total - prefix - dict.length() - 1) + "\n";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', (byte) major, 0});
        ByteBuffer length = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(header.length());
        out.write(length.array(), 0, major == 1 ? 2 : 4);
        out.writeBytes(header.getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }
}
