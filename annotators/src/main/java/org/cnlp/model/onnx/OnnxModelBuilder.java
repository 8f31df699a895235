package org.cnlp.model.onnx;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Assembles an ONNX model (ModelProto) node by node and writes its protobuf bytes: graph inputs
 * and outputs with fixed or named (dynamic) dimensions, initializers stored as raw
 * little-endian data, and nodes of the default ONNX domain. Names are checked for uniqueness so
 * that a wiring mistake fails here rather than inside a runtime. Not thread-safe; build once.
 */
public final class OnnxModelBuilder {

    /** ONNX {@code TensorProto.DataType.FLOAT}. */
    public static final int FLOAT = 1;
    /** ONNX {@code TensorProto.DataType.INT64}. */
    public static final int INT64 = 7;

    private static final int ATTRIBUTE_FLOAT = 1;
    private static final int ATTRIBUTE_INT = 2;
    private static final int ATTRIBUTE_INTS = 7;

    private final String graphName;
    private final List<ProtoWriter> nodes = new ArrayList<>();
    private final List<ProtoWriter> initializers = new ArrayList<>();
    private final List<ProtoWriter> inputs = new ArrayList<>();
    private final List<ProtoWriter> outputs = new ArrayList<>();
    private final Set<String> values = new HashSet<>();
    private boolean built;

    /** An empty graph called {@code graphName}. */
    public OnnxModelBuilder(String graphName) {
        this.graphName = graphName;
    }

    /** One dimension of a graph input or output: a number, or a name shared by dynamic dimensions. */
    public record Dim(long value, String param) {
        public Dim {
            if (param == null && value < 0) {
                throw new IllegalArgumentException("negative dimension " + value);
            }
        }

        /** A fixed size. */
        public static Dim of(long value) {
            return new Dim(value, null);
        }

        /** A dynamic size, named ({@code batch}, {@code sequence}). */
        public static Dim named(String param) {
            return new Dim(-1, param);
        }
    }

    /** A node attribute (ONNX AttributeProto). */
    public record Attribute(String name, int type, long intValue, float floatValue, long[] ints) {

        /** An {@code INT} attribute. */
        public static Attribute of(String name, long value) {
            return new Attribute(name, ATTRIBUTE_INT, value, 0, new long[0]);
        }

        /** A {@code FLOAT} attribute. */
        public static Attribute of(String name, float value) {
            return new Attribute(name, ATTRIBUTE_FLOAT, 0, value, new long[0]);
        }

        /** An {@code INTS} attribute. */
        public static Attribute ints(String name, long... values) {
            return new Attribute(name, ATTRIBUTE_INTS, 0, 0, values.clone());
        }

        ProtoWriter write() {
            ProtoWriter out = new ProtoWriter().string(1, name);
            switch (type) {
                case ATTRIBUTE_FLOAT -> out.float32(2, floatValue);
                case ATTRIBUTE_INT -> out.varint(3, intValue);
                case ATTRIBUTE_INTS -> {
                    for (long value : ints) {
                        out.varint(8, value);
                    }
                }
                default -> throw new IllegalStateException("attribute type " + type);
            }
            return out.varint(20, type);
        }
    }

    /** Declares a graph input; returns its name. */
    public String input(String name, int elementType, Dim... dims) {
        define(name);
        inputs.add(valueInfo(name, elementType, dims));
        return name;
    }

    /** Declares a graph output, which some node must produce. */
    public void output(String name, int elementType, Dim... dims) {
        outputs.add(valueInfo(name, elementType, dims));
    }

    /** A float constant, stored as raw little-endian F32; returns its name. */
    public String initializer(String name, long[] dims, float[] data) {
        checkSize(name, dims, data.length);
        ByteBuffer raw = ByteBuffer.allocate(data.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asFloatBuffer().put(data);
        return initializer(name, dims, FLOAT, raw.array());
    }

    /** An int64 constant (shapes, axes, indices); returns its name. */
    public String initializer(String name, long[] dims, long[] data) {
        checkSize(name, dims, data.length);
        ByteBuffer raw = ByteBuffer.allocate(data.length * Long.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        raw.asLongBuffer().put(data);
        return initializer(name, dims, INT64, raw.array());
    }

    /** A float scalar constant (rank 0). */
    public String scalar(String name, float value) {
        return initializer(name, new long[0], new float[] {value});
    }

    /**
     * Adds a node of the default domain computing {@code output} from {@code inputs}; returns
     * {@code output}.
     */
    public String node(String opType, String output, List<String> inputs, Attribute... attributes) {
        for (String input : inputs) {
            if (!values.contains(input)) {
                throw new IllegalArgumentException(
                        opType + " node " + output + " reads " + input + ", which nothing defines yet");
            }
        }
        define(output);
        ProtoWriter node = new ProtoWriter();
        inputs.forEach(input -> node.string(1, input));
        node.string(2, output);
        node.string(3, output);
        node.string(4, opType);
        for (Attribute attribute : attributes) {
            node.message(5, attribute.write());
        }
        nodes.add(node);
        return output;
    }

    /**
     * The ModelProto bytes.
     *
     * @param irVersion the IR version ({@code 8} for opset 17)
     * @param opset the default domain's opset version
     * @throws IllegalStateException when called twice, or an output is produced by no node
     */
    public byte[] build(long irVersion, long opset, String producer) {
        if (built) {
            throw new IllegalStateException("the model was already built");
        }
        built = true;
        ProtoWriter graph = new ProtoWriter();
        nodes.forEach(node -> graph.message(1, node));
        graph.string(2, graphName);
        initializers.forEach(initializer -> graph.message(5, initializer));
        inputs.forEach(input -> graph.message(11, input));
        outputs.forEach(output -> graph.message(12, output));
        ProtoWriter model = new ProtoWriter();
        model.varint(1, irVersion);
        model.string(2, producer);
        model.message(7, graph);
        model.message(8, new ProtoWriter().string(1, "").varint(2, opset));
        return model.toByteArray();
    }

    private String initializer(String name, long[] dims, int type, byte[] raw) {
        define(name);
        ProtoWriter tensor = new ProtoWriter();
        for (long dim : dims) {
            tensor.varint(1, dim);
        }
        tensor.varint(2, type);
        tensor.string(8, name);
        tensor.bytes(9, raw);
        initializers.add(tensor);
        return name;
    }

    private ProtoWriter valueInfo(String name, int elementType, Dim... dims) {
        ProtoWriter shape = new ProtoWriter();
        for (Dim dim : dims) {
            ProtoWriter d = new ProtoWriter();
            if (dim.param() != null) {
                d.string(2, dim.param());
            } else {
                d.varint(1, dim.value());
            }
            shape.message(1, d);
        }
        ProtoWriter tensorType = new ProtoWriter().varint(1, elementType).message(2, shape);
        ProtoWriter type = new ProtoWriter().message(1, tensorType);
        return new ProtoWriter().string(1, name).message(2, type);
    }

    private void define(String name) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("ONNX value names must not be empty");
        }
        if (!values.add(name)) {
            throw new IllegalArgumentException("the value " + name + " is defined twice");
        }
    }

    private static void checkSize(String name, long[] dims, int length) {
        long size = 1;
        for (long dim : dims) {
            size = Math.multiplyExact(size, dim);
        }
        if (size != length) {
            throw new IllegalArgumentException("initializer " + name + " of shape " + Arrays.toString(dims) + " needs " + size
                    + " values, got " + length);
        }
    }
}
