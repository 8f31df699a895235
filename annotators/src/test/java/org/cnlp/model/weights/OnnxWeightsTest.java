package org.cnlp.model.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ONNX weight extraction on small models written here with the protobuf wire format. */
class OnnxWeightsTest {

    private static final float[] W = {1, 2, 3, 4, 5, 6};

    @Test
    void mapsAnonymousMatMulWeightsThroughTheirNodeAndTransposesThem() {
        byte[] model = model("encoder.layer.0.attention.self.query.bias", false);
        WeightSet weights = OnnxWeights.extract(model);
        HostTensor weight = weights.get("encoder.layer.0.attention.self.query.weight");
        assertArrayEquals(new long[] {3, 2}, weight.shape(), "[in, out] becomes [out, in]");
        assertArrayEquals(new float[] {1, 4, 2, 5, 3, 6}, weight.data());
        assertArrayEquals(new float[] {0.5f, -0.5f, 1.5f}, weights.get("encoder.layer.0.attention.self.query.bias").data());
        assertArrayEquals(new float[] {7, 8}, weights.get("embeddings.LayerNorm.weight").data(), "float_data is read too");
        assertFalse(weights.names().stream().anyMatch(n -> n.startsWith("onnx::")));
        assertFalse(weights.contains("embeddings.position_ids"), "integer initializers are not weights");
    }

    @Test
    void failsLoudlyWhenTheFollowingAddCarriesAnotherModulesBias() {
        byte[] model = model("encoder.layer.0.attention.self.key.bias", false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OnnxWeights.extract(model));
        assertTrue(e.getMessage().contains("expected 'encoder.layer.0.attention.self.query.bias'"), e.getMessage());
    }

    @Test
    void failsWhenTheBiasDoesNotFitTheWeight() {
        byte[] model = model("encoder.layer.0.attention.self.query.bias", true);
        assertThrows(IllegalStateException.class, () -> OnnxWeights.extract(model));
    }

    @Test
    void rejectsBytesThatAreNotAModel() {
        assertThrows(IllegalArgumentException.class, () -> OnnxWeights.extract(new byte[] {8, 1}));
        assertThrows(IllegalArgumentException.class, () -> OnnxWeights.extract(new byte[] {(byte) 0xFF, (byte) 0xFF}));
    }

    /** x [?, 2] MatMul onnx::MatMul_1 [2, 3] then Add with {@code addedBias}. */
    private static byte[] model(String addedBias, boolean shortBias) {
        Proto graph = new Proto();
        graph.message(1, node("/encoder/layer.0/attention/self/query/MatMul", "MatMul", List.of("x", "onnx::MatMul_1"), "mm"));
        graph.message(1, node("/encoder/layer.0/attention/self/query/Add", "Add", List.of(addedBias, "mm"), "y"));
        graph.message(5, rawTensor("onnx::MatMul_1", new long[] {2, 3}, W));
        float[] bias = shortBias ? new float[] {0.5f, -0.5f} : new float[] {0.5f, -0.5f, 1.5f};
        graph.message(5, rawTensor("encoder.layer.0.attention.self.query.bias", new long[] {bias.length}, bias));
        graph.message(5, rawTensor("encoder.layer.0.attention.self.key.bias", new long[] {3}, new float[] {9, 9, 9}));
        Proto floatData = new Proto();
        floatData.packedVarints(1, new long[] {2});
        floatData.varint(2, 1);
        floatData.bytes(4, floatsLe(new float[] {7, 8}));
        floatData.string(8, "embeddings.LayerNorm.weight");
        graph.message(5, floatData);
        Proto ids = new Proto();
        ids.varint(1, 2);
        ids.varint(2, 7);
        ids.string(8, "embeddings.position_ids");
        ids.bytes(9, new byte[16]);
        graph.message(5, ids);
        Proto model = new Proto();
        model.varint(1, 7);
        model.string(2, "pytorch");
        model.message(7, graph);
        return model.toBytes();
    }

    private static Proto node(String name, String op, List<String> inputs, String output) {
        Proto node = new Proto();
        inputs.forEach(input -> node.string(1, input));
        node.string(2, output);
        node.string(3, name);
        node.string(4, op);
        return node;
    }

    private static Proto rawTensor(String name, long[] dims, float[] values) {
        Proto tensor = new Proto();
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        tensor.varint(2, 1);
        tensor.string(8, name);
        tensor.bytes(9, floatsLe(values));
        return tensor;
    }

    private static byte[] floatsLe(float[] values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            buffer.putFloat(v);
        }
        return buffer.array();
    }

    /** A protobuf message writer, just enough for these fixtures. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        void varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
        }

        void packedVarints(int field, long[] values) {
            Proto packed = new Proto();
            for (long v : values) {
                packed.writeVarint(v);
            }
            bytes(field, packed.toBytes());
        }

        void string(int field, String value) {
            bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        void message(int field, Proto message) {
            bytes(field, message.toBytes());
        }

        void bytes(int field, byte[] value) {
            writeVarint(((long) field << 3) | 2);
            writeVarint(value.length);
            out.writeBytes(value);
        }

        byte[] toBytes() {
            return out.toByteArray();
        }

        private void writeVarint(long value) {
            long v = value;
            while ((v & ~0x7FL) != 0) {
                out.write((int) ((v & 0x7F) | 0x80));
                v >>>= 7;
            }
            out.write((int) v);
        }
    }
}
