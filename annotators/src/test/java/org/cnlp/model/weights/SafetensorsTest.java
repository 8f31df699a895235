package org.cnlp.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsTest {

    @TempDir
    Path dir;

    @Test
    void float32RoundTripIsExactWithMetadataAndAlignedHeader() throws IOException {
        WeightSet weights = randomWeights(7);
        Path file = dir.resolve("w.safetensors");
        Safetensors.write(file, weights, TensorType.F32, Map.of("format", "pt", "source", "test"));

        Safetensors.Header header = Safetensors.readHeader(file);
        assertEquals(Map.of("format", "pt", "source", "test"), header.metadata());
        assertEquals(0, header.dataStart() % 8, "header padded to 8 bytes");
        assertEquals(List.copyOf(weights.names()), List.copyOf(header.entries().keySet()));
        WeightSet back = Safetensors.read(file);
        for (String name : weights.names()) {
            assertArrayEquals(weights.get(name).shape(), back.get(name).shape());
            assertArrayEquals(weights.get(name).data(), back.get(name).data(), name);
        }
    }

    @Test
    void halfPrecisionTypesRoundToNearest() throws IOException {
        WeightSet weights = randomWeights(8);
        for (TensorType type : List.of(TensorType.F16, TensorType.BF16)) {
            Path file = dir.resolve(type + ".safetensors");
            Safetensors.write(file, weights, type, Map.of());
            assertEquals(type.name(), Safetensors.readHeader(file).entries().get("b").dtype());
            WeightSet back = Safetensors.read(file);
            float relative = type == TensorType.F16 ? 1f / 2048 : 1f / 256;
            for (String name : weights.names()) {
                float[] expected = weights.get(name).data();
                float[] actual = back.get(name).data();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], Math.abs(expected[i]) * relative + 1e-7f, name + "[" + i + "] as " + type);
                }
            }
        }
        assertEquals(65504f, roundTrip(65504f, TensorType.F16));
        assertEquals(1.0078125f, roundTrip(1.0078125f, TensorType.BF16));
        assertEquals(1.0f, roundTrip(1.00390625f, TensorType.BF16), "a tie rounds to even");
        assertTrue(Float.isNaN(roundTrip(Float.NaN, TensorType.BF16)));
    }

    @Test
    void shardsAndTheirIndexReadBackAsOneModel() throws IOException {
        WeightSet weights = randomWeights(9);
        List<Path> files = Safetensors.writeSharded(dir, "model", weights, TensorType.F32, Map.of("format", "pt"), 400);
        assertEquals("model.safetensors.index.json", files.getLast().getFileName().toString());
        assertTrue(files.size() >= 3, "several shards and an index: " + files);
        assertTrue(files.get(0).getFileName().toString().matches("model-00001-of-0000\\d\\.safetensors"));
        String index = Files.readString(files.getLast());
        assertTrue(index.contains("\"weight_map\"") && index.contains("\"total_size\""));
        WeightSet back = Safetensors.readModel(dir, "model");
        assertEquals(Set.copyOf(weights.names()), Set.copyOf(back.names()));
        for (String name : weights.names()) {
            assertArrayEquals(weights.get(name).data(), back.get(name).data());
        }
        Path single = dir.resolve("single");
        assertEquals(List.of(single.resolve("model.safetensors")),
                Safetensors.writeSharded(single, "model", weights, TensorType.F16, Map.of(), 1 << 20));
    }

    @Test
    void skipsIntegerTensorsAndRejectsBrokenFiles() throws IOException {
        Path file = dir.resolve("mixed.safetensors");
        String header = "{\"ids\":{\"dtype\":\"I64\",\"shape\":[2],\"data_offsets\":[0,16]},"
                + "\"w\":{\"dtype\":\"F32\",\"shape\":[1,2],\"data_offsets\":[16,24]}}";
        ByteBuffer data = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN).putLong(0).putLong(1).putFloat(1.5f).putFloat(-2f);
        Files.write(file, concat(header, data.array()));
        WeightSet read = Safetensors.read(file);
        assertFalse(read.contains("ids"));
        assertArrayEquals(new float[] {1.5f, -2f}, read.get("w").data());

        Path shortData = dir.resolve("short.safetensors");
        Files.write(shortData, concat("{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", new byte[8]));
        assertThrows(IOException.class, () -> Safetensors.read(shortData));

        Path wrongSize = dir.resolve("size.safetensors");
        Files.write(wrongSize, concat("{\"w\":{\"dtype\":\"F16\",\"shape\":[4],\"data_offsets\":[0,4]}}", new byte[4]));
        assertThrows(IOException.class, () -> Safetensors.read(wrongSize));

        Path notJson = dir.resolve("json.safetensors");
        Files.write(notJson, concat("{oops", new byte[0]));
        assertThrows(IOException.class, () -> Safetensors.read(notJson));

        Path tiny = dir.resolve("tiny.safetensors");
        Files.write(tiny, new byte[] {1, 2});
        assertThrows(IOException.class, () -> Safetensors.read(tiny));

        assertThrows(NoSuchFileException.class, () -> Safetensors.readModel(dir.resolve("none"), "model"));
    }

    private static float roundTrip(float value, TensorType type) {
        ByteBuffer buffer = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        type.write(buffer, value);
        buffer.flip();
        return type.read(buffer);
    }

    private static byte[] concat(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(8 + json.length + data.length).order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length).put(json).put(data).array();
    }

    static WeightSet randomWeights(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, HostTensor> tensors = new LinkedHashMap<>();
        tensors.put("b", tensor(random, 7));
        tensors.put("a.weight", tensor(random, 5, 9));
        tensors.put("scalar", tensor(random));
        tensors.put("z.weight", tensor(random, 3, 4, 5));
        tensors.put("empty", tensor(random, 0, 3));
        return WeightSet.of(tensors);
    }

    private static HostTensor tensor(SplittableRandom random, long... shape) {
        int size = 1;
        for (long dim : shape) {
            size *= (int) dim;
        }
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) ((random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(-3, 3)));
        }
        return HostTensor.of(shape, values);
    }
}
