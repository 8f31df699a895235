package org.cnlp.multimodal.image;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One NumPy array as read from a {@code .npy} file: its dtype, its shape (C order) and its raw little-endian data.
 * Only the dtypes in {@link #SUPPORTED_DTYPES} exist. Immutable; accessors return copies.
 */
public final class NpyArray {

    /** The dtypes this reader accepts: unsigned bytes, little-endian 32/64-bit integers and 32-bit floats. */
    public static final List<String> SUPPORTED_DTYPES = List.of("|u1", "<i4", "<i8", "<f4");

    private final String dtype;
    private final int[] shape;
    private final byte[] data;
    private final int size;

    /**
     * Creates an array from its raw data (copied).
     *
     * @param dtype one of {@link #SUPPORTED_DTYPES}
     * @param shape the dimensions, outermost first ({@code []} for a scalar)
     * @param data  {@code size × itemSize} bytes, little-endian, C order
     * @throws IllegalArgumentException for another dtype, a negative dimension or data of the wrong length
     */
    public NpyArray(String dtype, int[] shape, byte[] data) {
        Objects.requireNonNull(dtype, "dtype");
        int itemSize = itemSize(dtype);
        long count = 1;
        for (int dimension : shape) {
            if (dimension < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            count *= dimension;
            if (count > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has more than "
                        + Integer.MAX_VALUE + " elements");
            }
        }
        if (data.length != count * itemSize) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " of " + dtype + " needs "
                    + count * itemSize + " bytes, got " + data.length);
        }
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data.clone();
        this.size = (int) count;
    }

    /**
     * Bytes per element of a supported dtype.
     *
     * @throws IllegalArgumentException for an unsupported dtype
     */
    public static int itemSize(String dtype) {
        return switch (dtype) {
            case "|u1" -> 1;
            case "<i4", "<f4" -> 4;
            case "<i8" -> 8;
            default -> throw new IllegalArgumentException("unsupported NumPy dtype '" + dtype + "': this reader accepts "
                    + String.join(", ", SUPPORTED_DTYPES) + " (convert with numpy: a.astype('<i8') or a.astype('<f4'))");
        };
    }

    /** The NumPy dtype string, e.g. {@code |u1}. */
    public String dtype() {
        return dtype;
    }

    /** The dimensions, outermost first (copy). */
    public int[] shape() {
        return shape.clone();
    }

    /** The number of elements (the product of the dimensions). */
    public int size() {
        return size;
    }

    /**
     * The elements of a {@code |u1} array (read them with {@code b & 0xff}).
     *
     * @throws IllegalStateException for another dtype
     */
    public byte[] asUnsignedBytes() {
        if (!dtype.equals("|u1")) {
            throw new IllegalStateException("asUnsignedBytes() needs a |u1 array, this one is " + dtype);
        }
        return data.clone();
    }

    /**
     * The elements of an integer array as longs ({@code |u1} as {@code 0..255}).
     *
     * @throws IllegalStateException for a float array
     */
    public long[] asLongs() {
        long[] values = new long[size];
        ByteBuffer buffer = buffer();
        switch (dtype) {
            case "|u1" -> {
                for (int i = 0; i < size; i++) {
                    values[i] = data[i] & 0xff;
                }
            }
            case "<i4" -> {
                for (int i = 0; i < size; i++) {
                    values[i] = buffer.getInt(i * 4);
                }
            }
            case "<i8" -> buffer.asLongBuffer().get(values);
            default -> throw new IllegalStateException("asLongs() needs an integer array, this one is " + dtype);
        }
        return values;
    }

    /** The elements as floats (integers converted, {@code |u1} as {@code 0..255}). */
    public float[] asFloats() {
        if (dtype.equals("<f4")) {
            float[] values = new float[size];
            buffer().asFloatBuffer().get(values);
            return values;
        }
        long[] longs = asLongs();
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = longs[i];
        }
        return values;
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public String toString() {
        return "NpyArray[" + dtype + " " + Arrays.toString(shape) + "]";
    }
}
