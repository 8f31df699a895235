package org.cnlp.model.weights.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The parts of an ONNX model that weight extraction needs: the graph's nodes and initializers.
 * Initializer data stay views into the model bytes.
 *
 * @param nodes the graph's nodes in file order
 * @param initializers the initializers by name, in file order
 */
public record OnnxGraph(List<Node> nodes, Map<String, Initializer> initializers) {

    /** ONNX TensorProto.DataType.FLOAT. */
    public static final int FLOAT = 1;
    /** ONNX TensorProto.DataType.INT64. */
    public static final int INT64 = 7;
    /** ONNX TensorProto.DataType.FLOAT16. */
    public static final int FLOAT16 = 10;
    /** ONNX TensorProto.DataType.BFLOAT16. */
    public static final int BFLOAT16 = 16;

    public OnnxGraph {
        nodes = List.copyOf(nodes);
        initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
    }

    /** A graph node. */
    public record Node(String name, String opType, List<String> inputs, List<String> outputs) {
        public Node {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
        }
    }

    /**
     * A constant tensor of the graph.
     *
     * @param raw the {@code raw_data} bytes (little-endian), empty when the values are in
     *     {@code floatData}
     * @param floatData values stored in the {@code float_data} field (empty when {@code raw} is set)
     */
    public record Initializer(String name, long[] dims, int dataType, Optional<ProtoReader.ByteRange> raw, float[] floatData) {}

    /**
     * Parses the ModelProto in {@code model}.
     *
     * @throws IllegalArgumentException when the bytes are not an ONNX model or use external data
     */
    public static OnnxGraph parse(byte[] model) {
        ProtoReader reader = ProtoReader.of(model);
        ProtoReader graph = null;
        while (reader.next()) {
            if (reader.fieldNumber() == 7 && reader.wireType() == ProtoReader.LENGTH_DELIMITED) {
                graph = reader.message();
            } else {
                reader.skip();
            }
        }
        if (graph == null) {
            throw new IllegalArgumentException("not an ONNX model: no graph");
        }
        List<Node> nodes = new ArrayList<>();
        Map<String, Initializer> initializers = new LinkedHashMap<>();
        while (graph.next()) {
            switch (graph.fieldNumber()) {
                case 1 -> nodes.add(node(graph.message()));
                case 5 -> {
                    Initializer initializer = initializer(graph.message());
                    initializers.put(initializer.name(), initializer);
                }
                default -> graph.skip();
            }
        }
        return new OnnxGraph(nodes, initializers);
    }

    private static Node node(ProtoReader reader) {
        List<String> inputs = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        String name = "";
        String opType = "";
        while (reader.next()) {
            switch (reader.fieldNumber()) {
                case 1 -> inputs.add(reader.string());
                case 2 -> outputs.add(reader.string());
                case 3 -> name = reader.string();
                case 4 -> opType = reader.string();
                default -> reader.skip();
            }
        }
        return new Node(name, opType, inputs, outputs);
    }

    private static Initializer initializer(ProtoReader reader) {
        long[] dims = new long[0];
        int dataType = 0;
        String name = "";
        ProtoReader.ByteRange raw = null;
        float[] floats = new float[0];
        while (reader.next()) {
            switch (reader.fieldNumber()) {
                case 1 -> dims = concat(dims, reader.int64s());
                case 2 -> dataType = (int) reader.varint();
                case 4 -> floats = floats(reader);
                case 8 -> name = reader.string();
                case 9 -> raw = reader.bytes();
                case 14 -> {
                    if (reader.varint() != 0) {
                        throw new IllegalArgumentException("ONNX initializer " + name + " uses external data: not supported");
                    }
                }
                default -> reader.skip();
            }
        }
        return new Initializer(name, dims, dataType, Optional.ofNullable(raw), floats);
    }

    private static float[] floats(ProtoReader reader) {
        if (reader.wireType() != ProtoReader.LENGTH_DELIMITED) {
            throw new IllegalArgumentException("unpacked float_data is not supported");
        }
        ProtoReader.ByteRange range = reader.bytes();
        ByteBuffer buffer = ByteBuffer.wrap(range.array(), range.offset(), range.length())
                .order(ByteOrder.LITTLE_ENDIAN);
        float[] values = new float[range.length() / 4];
        buffer.asFloatBuffer().get(values);
        return values;
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
