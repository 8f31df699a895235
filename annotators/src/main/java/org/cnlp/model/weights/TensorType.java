package org.cnlp.model.weights;

import java.nio.ByteBuffer;
import java.util.Locale;

/** Element types a weight file may store; every type is widened to {@code float} in memory. */
public enum TensorType {
    /** IEEE 754 binary32. */
    F32(4),
    /** IEEE 754 binary16. */
    F16(2),
    /** bfloat16: the upper half of a binary32. */
    BF16(2);

    private final int bytes;

    TensorType(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** The safetensors spelling ({@code F32}, {@code F16}, {@code BF16}). */
    public String safetensorsName() {
        return name();
    }

    /**
     * The type of a safetensors dtype string.
     *
     * @throws IllegalArgumentException for types that are not floating point weights
     */
    public static TensorType fromSafetensors(String dtype) {
        return switch (dtype.toUpperCase(Locale.ROOT)) {
            case "F32" -> F32;
            case "F16" -> F16;
            case "BF16" -> BF16;
            default -> throw new IllegalArgumentException("unsupported safetensors dtype " + dtype + " (F32, F16, BF16 are)");
        };
    }

    /** Reads one element at the buffer's position (little-endian buffer expected). */
    float read(ByteBuffer buffer) {
        return switch (this) {
            case F32 -> buffer.getFloat();
            case F16 -> Float.float16ToFloat(buffer.getShort());
            case BF16 -> Float.intBitsToFloat((buffer.getShort() & 0xFFFF) << 16);
        };
    }

    /** Writes one element at the buffer's position, rounding to nearest even for the 16-bit types. */
    void write(ByteBuffer buffer, float value) {
        switch (this) {
            case F32 -> buffer.putFloat(value);
            case F16 -> buffer.putShort(Float.floatToFloat16(value));
            case BF16 -> buffer.putShort(toBfloat16(value));
        }
    }

    private static short toBfloat16(float value) {
        int bits = Float.floatToRawIntBits(value);
        if (Float.isNaN(value)) {
            return (short) ((bits >>> 16) | 0x40);
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }
}
